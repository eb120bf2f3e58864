using System.Collections.Immutable;
using Google.Protobuf;
using PgLint.Syntax;

namespace PgLint.Analysis;

/// <summary>What every action's context offers: the file, settings, options and reporting.</summary>
public abstract class RuleContext
{
    private readonly Action<Diagnostic> _report;

    private protected RuleContext(DocumentInfo document, Catalog catalog, RuleOptions options, Action<Diagnostic> report, CancellationToken cancellationToken, DatabaseStatistics? statistics)
    {
        Statistics = statistics;
        ReportSink = report;
        Document = document;
        Catalog = catalog;
        Options = options;
        _report = report;
        CancellationToken = cancellationToken;
    }

    /// <summary>The file.</summary>
    public DocumentInfo Document { get; }

    /// <summary>The schema as it stands before the current statement (at the end, for end actions).</summary>
    public Catalog Catalog { get; }

    /// <summary>The analyzer's configured options.</summary>
    public RuleOptions Options { get; }

    /// <summary>
    /// Table and index sizes and activity from <c>--stats FILE</c> or a live database, or null when
    /// none were given: e.g. <c>context.Statistics?.FindTable(name)?.Rows</c>.
    /// </summary>
    public DatabaseStatistics? Statistics { get; }

    /// <summary>Cancelled when the run is aborted.</summary>
    public CancellationToken CancellationToken { get; }

    internal Action<Diagnostic> ReportSink { get; }

    /// <summary>Reports a finding.</summary>
    public void ReportDiagnostic(Diagnostic diagnostic) => _report(diagnostic);

    /// <summary>Reports a finding at a span of the current file.</summary>
    public void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] messageArgs) =>
        _report(Diagnostic.Create(descriptor, Location.Create(Document.Source, span), messageArgs));

    /// <summary>Reports a finding with a fix at a span of the current file.</summary>
    public void Report(DiagnosticDescriptor descriptor, TextSpan span, Fix? fix, params object?[] messageArgs) =>
        _report(Diagnostic.Create(descriptor, Location.Create(Document.Source, span), fix is null ? null : [fix], null, messageArgs));
}

/// <summary>The context of a file-level action.</summary>
public sealed class DocumentContext : RuleContext
{
    internal DocumentContext(DocumentInfo document, Catalog catalog, MigrationContext migration, LockFootprint lockFootprint, RuleOptions options, Action<Diagnostic> report, CancellationToken cancellationToken, DatabaseStatistics? statistics = null)
        : base(document, catalog, options, report, cancellationToken, statistics)
    {
        Migration = migration;
        LockFootprint = lockFootprint;
    }

    /// <summary>The migration state at the end of the file.</summary>
    public MigrationContext Migration { get; }

    /// <summary>The locks each transaction of the file holds on existing tables.</summary>
    public LockFootprint LockFootprint { get; }
}

/// <summary>The context of a migration-set end action; also of a run over a live database (<c>pglint db</c>), whose set has no files.</summary>
public sealed class MigrationSetContext
{
    private readonly Action<Diagnostic> _report;
    private readonly Func<LogicalLocation, Location?>? _sourceOf;

    internal MigrationSetContext(string name, ImmutableArray<DocumentInfo> documents, Catalog catalog, RuleOptions options, Action<Diagnostic> report, DatabaseStatistics? statistics = null, Func<LogicalLocation, Location?>? sourceOf = null)
    {
        Name = name;
        Documents = documents;
        Catalog = catalog;
        Options = options;
        _report = report;
        Statistics = statistics;
        _sourceOf = sourceOf;
    }

    /// <summary>Table, index and sequence statistics and server health figures, or null when none were given.</summary>
    public DatabaseStatistics? Statistics { get; }

    /// <summary>True when the catalog was loaded from a live database (<c>pglint db</c>) rather than replayed from files.</summary>
    public bool IsLiveDatabase => _sourceOf is not null;

    /// <summary>The set's name.</summary>
    public string Name { get; }

    /// <summary>Its files in runner order.</summary>
    public ImmutableArray<DocumentInfo> Documents { get; }

    /// <summary>The final catalog.</summary>
    public Catalog Catalog { get; }

    /// <summary>The analyzer's configured options.</summary>
    public RuleOptions Options { get; }

    /// <summary>Reports a finding.</summary>
    public void ReportDiagnostic(Diagnostic diagnostic) => _report(diagnostic);

    /// <summary>
    /// Reports a finding at the statement that created a catalog object. An object loaded from a
    /// live database is reported at its name (<see cref="ObjectOrigin.Logical"/>), and also at the
    /// statement of <c>--schema</c> or the migrations that created it when they were given. Objects
    /// known only from <c>--schema</c> are not reported, since no file of the set can be changed.
    /// </summary>
    /// <returns>True when reported.</returns>
    public bool ReportAt(DiagnosticDescriptor descriptor, ObjectOrigin origin, params object?[] messageArgs)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (origin.Logical is { } logical)
        {
            ReportAt(descriptor, logical, messageArgs);
            return true;
        }

        if (origin.FromSchema || origin.Location is not { } location)
        {
            return false;
        }

        _report(Diagnostic.Create(descriptor, location, messageArgs));
        return true;
    }

    /// <summary>
    /// Reports a finding about a database object by name (a sequence, the database itself), at the
    /// statement that created it when <c>--schema</c> or migrations given to <c>pglint db</c> know it.
    /// </summary>
    public void ReportAt(DiagnosticDescriptor descriptor, LogicalLocation logical, params object?[] messageArgs)
    {
        ArgumentNullException.ThrowIfNull(logical);
        _report(Diagnostic.Create(descriptor, _sourceOf?.Invoke(logical) ?? Location.Create(logical), messageArgs));
    }
}

/// <summary>The context of a statement action.</summary>
public class StatementContext : RuleContext
{
    internal StatementContext(DocumentInfo document, SqlStatement statement, Catalog catalog, MigrationContext migration, RuleOptions options, Action<Diagnostic> report, CancellationToken cancellationToken, DatabaseStatistics? statistics = null)
        : base(document, catalog, options, report, cancellationToken, statistics)
    {
        Statement = statement;
        Migration = migration;
    }

    /// <summary>The top-level statement.</summary>
    public SqlStatement Statement { get; }

    /// <summary>The migration state while the statement runs.</summary>
    public MigrationContext Migration { get; }

    /// <summary>
    /// The function, procedure or <c>DO</c> body the statement is in, or null at top level. Statements of
    /// a function body run when the function is called; those of a <c>DO</c> block run during the
    /// migration (<see cref="RoutineBody.RunsAtDeploy"/>).
    /// </summary>
    public RoutineBody? Routine => Statement.Routine;

    /// <summary>True for a statement or PL/pgSQL expression inside a function, procedure or <c>DO</c> body.</summary>
    public bool IsInRoutineBody => Statement.IsInRoutineBody;

    /// <summary>The parsed statement (its node, e.g. one whose <c>IndexStmt</c> is set).</summary>
    public PgQuery.Node Root => Statement.Root!;

    /// <summary>The span of the token at an AST location (the statement when unknown).</summary>
    public TextSpan GetSpan(int location) => Statement.GetTokenSpan(location);

    /// <summary>
    /// The span of a whole node: from its first token to its last, closing parentheses, the rest of a
    /// trailing qualified or type name, a call's argument list and <c>IS [NOT] NULL</c> included.
    /// </summary>
    public TextSpan GetSpan(IMessage node) => NodeSpans.GetNodeSpan(Statement, node);

    /// <summary>Reports a finding on the whole statement.</summary>
    public void ReportOnStatement(DiagnosticDescriptor descriptor, params object?[] messageArgs) =>
        Report(descriptor, Statement.Span, messageArgs);
}

/// <summary>The context of a node action: the node, its ancestors, and everything a statement action sees.</summary>
/// <typeparam name="TNode">The node type.</typeparam>
public sealed class NodeContext<TNode> : StatementContext
    where TNode : class, IMessage
{
    private readonly IReadOnlyList<AstAncestor> _ancestors;

    internal NodeContext(StatementContext statement, TNode node, IReadOnlyList<AstAncestor> ancestors, Action<Diagnostic> report)
        : base(statement.Document, statement.Statement, statement.Catalog, statement.Migration, statement.Options, report, statement.CancellationToken, statement.Statistics)
    {
        Node = node;
        _ancestors = ancestors;
    }

    /// <summary>The node.</summary>
    public TNode Node { get; }

    /// <summary>The ancestors from the statement root down to the parent (wrappers skipped). Valid only during the action.</summary>
    public IReadOnlyList<AstAncestor> Ancestors => _ancestors;

    /// <summary>The parent node and the field holding this node, or null at the root.</summary>
    public AstAncestor? Parent => _ancestors.Count == 0 ? null : _ancestors[^1];

    /// <summary>The nearest ancestor of type <typeparamref name="T"/>, or null.</summary>
    public T? FindAncestor<T>()
        where T : class, IMessage
    {
        for (var i = _ancestors.Count - 1; i >= 0; i--)
        {
            if (_ancestors[i].Node is T found)
            {
                return found;
            }
        }

        return null;
    }
}

/// <summary>A start action's context: registers actions whose state lives for a file or a migration set.</summary>
public abstract class ScopedStartContext : IActionRegistrar
{
    private protected ScopedStartContext(MigrationSetInfo set, LintSettings settings, ActionSet actions, AnalyzerEntry analyzer)
    {
        Set = set;
        Settings = settings;
        Actions = actions;
        Analyzer = analyzer;
    }

    /// <summary>The migration set.</summary>
    public MigrationSetInfo Set { get; }

    /// <summary>The run's settings.</summary>
    public LintSettings Settings { get; }

    private protected ActionSet Actions { get; }

    private protected AnalyzerEntry Analyzer { get; }

    /// <inheritdoc />
    public void RegisterNodeAction<TNode>(Action<NodeContext<TNode>> action)
        where TNode : class, IMessage => Actions.AddNode(Analyzer, action);

    /// <inheritdoc />
    public void RegisterStatementAction(Action<StatementContext> action) => Actions.AddStatement(Analyzer, action);

    /// <inheritdoc />
    public void RegisterDocumentEndAction(Action<DocumentContext> action) => Actions.AddDocumentEnd(Analyzer, action);
}

/// <summary>The start of a file: register actions whose state lives for the file.</summary>
public sealed class DocumentStartContext : ScopedStartContext, IDocumentStartRegistrar
{
    internal DocumentStartContext(DocumentInfo document, MigrationSetInfo set, LintSettings settings, ActionSet actions, AnalyzerEntry analyzer)
        : base(set, settings, actions, analyzer)
    {
        Document = document;
    }

    /// <summary>The file.</summary>
    public DocumentInfo Document { get; }
}

/// <summary>The start of a migration set: register actions whose state lives for the set.</summary>
public sealed class MigrationSetStartContext : ScopedStartContext, IMigrationSetStartRegistrar
{
    internal MigrationSetStartContext(MigrationSetInfo set, LintSettings settings, ActionSet actions, AnalyzerEntry analyzer)
        : base(set, settings, actions, analyzer)
    {
    }

    /// <inheritdoc />
    public void RegisterDocumentStartAction(Action<DocumentStartContext> action) => Actions.AddDocumentStart(Analyzer, action);

    /// <inheritdoc />
    public void RegisterMigrationSetEndAction(Action<MigrationSetContext> action) => Actions.AddSetEnd(Analyzer, action);
}

/// <summary>A migration set as the engine sees it.</summary>
/// <param name="Id">Unique within the run.</param>
/// <param name="Name">The folder or file name.</param>
/// <param name="Paths">The files in runner order.</param>
public sealed record MigrationSetInfo(int Id, string Name, ImmutableArray<string> Paths);
