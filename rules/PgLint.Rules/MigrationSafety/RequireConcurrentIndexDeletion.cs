using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1002: <c>DROP INDEX</c> without <c>CONCURRENTLY</c> takes an <c>ACCESS EXCLUSIVE</c> lock on the
/// index's table. The drop itself is quick, but its lock request queues behind every open
/// transaction that touched the table, and every later query on the table, plain reads included,
/// queues behind the request. <c>DROP INDEX CONCURRENTLY</c> takes <c>SHARE UPDATE EXCLUSIVE</c> and
/// waits for the index's users without blocking anyone.
/// </summary>
/// <remarks>
/// Not reported: an index created earlier in the same file, or whose table was; an index on a
/// partitioned table, which PostgreSQL cannot drop concurrently. An index the catalog does not know
/// is treated as existing. No fix is offered when the statement drops several indexes or uses
/// <c>CASCADE</c>: <c>DROP INDEX CONCURRENTLY</c> accepts neither.
/// </remarks>
public sealed class RequireConcurrentIndexDeletion : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1002",
        "require-concurrent-index-deletion",
        "Drop indexes concurrently on existing tables",
        "Dropping {0} without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on {1} that blocks all reads and writes of it, even while the drop is still waiting for the lock.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table, which blocks every query on the table while the drop waits for the lock; DROP INDEX CONCURRENTLY blocks neither reads nor writes.",
        hazard: new(LockMode.AccessExclusive, TableEffect.MetadataOnly));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<DropStmt>(Analyze);

    private static void Analyze(NodeContext<DropStmt> context)
    {
        var drop = context.Node;
        if (drop.RemoveType != ObjectType.ObjectIndex || drop.Concurrent)
        {
            return;
        }

        var dropped = drop.Objects
            .Select(static o => o.List?.Items)
            .OfType<IEnumerable<Node>>()
            .Select(names => Resolve(context, names.ToQualifiedName()))
            .ToList();
        var existing = dropped.Where(d => !IsExempt(context, d)).ToList();
        if (existing.Count == 0)
        {
            return;
        }

        var indexes = (existing.Count == 1 ? "index " : "indexes ") + string.Join(", ", existing.Select(static d => d.Name));
        var tables = existing.Select(static d => d.Table?.Name).Distinct().ToList();
        var tableText = tables is [{ } single] ? single.ToString() : tables.Count == 1 ? "its table" : "their tables";
        var fix = dropped.Count == 1 && drop.Behavior != DropBehavior.DropCascade ? ConcurrentlyFix.AfterIndexKeyword(context) : null;
        context.Report(Rule, context.Statement.Span, fix, indexes, tableText);
    }

    private static DroppedIndex Resolve(StatementContext context, QualifiedName name)
    {
        var index = context.Catalog.FindIndex(name);
        return new DroppedIndex(name, index, index is null ? null : context.Catalog.FindTable(index.Table));
    }

    /// <summary>New objects lock nothing anyone waits for; a partitioned table's index has no concurrent drop.</summary>
    private static bool IsExempt(StatementContext context, DroppedIndex dropped) =>
        context.Migration.IsNew(dropped.Index)
        || context.Migration.IsNew(dropped.Table)
        || dropped.Table?.Kind == RelationKind.PartitionedTable;

    private sealed record DroppedIndex(QualifiedName Name, PgLint.Analysis.Index? Index, Table? Table);
}
