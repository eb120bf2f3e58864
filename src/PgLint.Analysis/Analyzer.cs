using System.Collections.Immutable;
using Google.Protobuf;

namespace PgLint.Analysis;

/// <summary>
/// A rule pack's unit: declares the rules it reports and registers the actions the engine calls.
/// Built-in and third-party rules derive from this class alike. An instance is shared by every file
/// and migration set, possibly on several threads: keep state in start actions, never in fields.
/// </summary>
public abstract class Analyzer
{
    /// <summary>The descriptors of every rule this analyzer may report.</summary>
    public abstract ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>Registers the analyzer's actions; called once per engine.</summary>
    public abstract void Initialize(AnalysisContext context);
}

/// <summary>What an analyzer registers in <see cref="Analyzer.Initialize"/>.</summary>
public interface IActionRegistrar
{
    /// <summary>Called for every AST node of type <typeparamref name="TNode"/> (e.g. <c>IndexStmt</c>), in source order, during the single walk.</summary>
    void RegisterNodeAction<TNode>(Action<NodeContext<TNode>> action)
        where TNode : class, IMessage;

    /// <summary>
    /// Called for every statement that parsed, before its nodes: top-level statements, then the SQL inside
    /// a routine body right after its CREATE FUNCTION or DO (see <see cref="StatementContext.Routine"/>).
    /// </summary>
    void RegisterStatementAction(Action<StatementContext> action);

    /// <summary>Called when a file is done.</summary>
    void RegisterDocumentEndAction(Action<DocumentContext> action);
}

/// <summary>Registration at the start of a file: state kept in the closure lives for that file.</summary>
public interface IDocumentStartRegistrar : IActionRegistrar
{
}

/// <summary>Registration at the start of a migration set: state kept in the closure lives for that set.</summary>
public interface IMigrationSetStartRegistrar : IActionRegistrar
{
    /// <summary>Called when a file of the set starts.</summary>
    void RegisterDocumentStartAction(Action<DocumentStartContext> action);

    /// <summary>Called when the whole set is done (the final catalog is known).</summary>
    void RegisterMigrationSetEndAction(Action<MigrationSetContext> action);
}

/// <summary>The registration surface handed to <see cref="Analyzer.Initialize"/>.</summary>
public abstract class AnalysisContext : IMigrationSetStartRegistrar
{
    /// <inheritdoc />
    public abstract void RegisterNodeAction<TNode>(Action<NodeContext<TNode>> action)
        where TNode : class, IMessage;

    /// <inheritdoc />
    public abstract void RegisterStatementAction(Action<StatementContext> action);

    /// <inheritdoc />
    public abstract void RegisterDocumentEndAction(Action<DocumentContext> action);

    /// <inheritdoc />
    public abstract void RegisterDocumentStartAction(Action<DocumentStartContext> action);

    /// <inheritdoc />
    public abstract void RegisterMigrationSetEndAction(Action<MigrationSetContext> action);

    /// <summary>Called when a migration set starts.</summary>
    public abstract void RegisterMigrationSetStartAction(Action<MigrationSetStartContext> action);
}
