using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1004: <c>REINDEX</c> without <c>CONCURRENTLY</c> takes a <c>SHARE</c> lock on the table, which
/// blocks every write, and an <c>ACCESS EXCLUSIVE</c> lock on each index it rebuilds, which blocks
/// every query whose plan would use that index, for the whole rebuild. Since PostgreSQL 12,
/// <c>REINDEX … CONCURRENTLY</c> builds a new index beside the old one under
/// <c>SHARE UPDATE EXCLUSIVE</c> and swaps them, blocking neither reads nor writes.
/// </summary>
/// <remarks>
/// Not reported:
/// <list type="bullet">
/// <item>a target PostgreSQL before 12, which has no concurrent form;</item>
/// <item><c>REINDEX SYSTEM</c>, which PostgreSQL never runs concurrently;</item>
/// <item>a table (or an index of a table) created earlier in the same file: it is new and empty.</item>
/// </list>
/// </remarks>
public sealed class RequireConcurrentReindex : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1004",
        "require-concurrent-reindex",
        "Rebuild indexes concurrently",
        "REINDEX {0} without CONCURRENTLY blocks writes to {1} and every query that uses the rebuilt indexes until the rebuild ends.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "REINDEX without CONCURRENTLY holds a SHARE lock on the table and an ACCESS EXCLUSIVE lock on each rebuilt index for the whole rebuild; REINDEX CONCURRENTLY (PostgreSQL 12 and later) blocks neither reads nor writes.",
        hazard: new(LockMode.Share, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Root.ReindexStmt is not { } reindex
            || reindex.Params.IsOptionOn("concurrently")
            || reindex.Kind == ReindexObjectType.ReindexObjectSystem
            || !context.Migration.TargetVersion.IsAtLeast(12))
        {
            return;
        }

        if (reindex.Kind is ReindexObjectType.ReindexObjectIndex or ReindexObjectType.ReindexObjectTable && IsOnNewTable(context, reindex))
        {
            return;
        }

        var (what, table) = Describe(context, reindex);
        context.Report(Rule, context.Statement.Span, Fix(context, reindex), what, table ?? "its tables");
    }

    private static (string What, string? Table) Describe(StatementContext context, ReindexStmt reindex)
    {
        var relation = reindex.Relation?.ToQualifiedName();
        return reindex.Kind switch
        {
            ReindexObjectType.ReindexObjectIndex => ($"of index {relation}", context.Catalog.FindIndex(relation!)?.Table.ToString()),
            ReindexObjectType.ReindexObjectTable => ($"of table {relation}", relation!.ToString()),
            ReindexObjectType.ReindexObjectSchema => ($"of schema {QualifiedName.Quote(reindex.Name)}", null),
            _ => ($"of database {QualifiedName.Quote(reindex.Name)}", null),
        };
    }

    private static bool IsOnNewTable(StatementContext context, ReindexStmt reindex)
    {
        var name = reindex.Relation.ToQualifiedName();
        var table = reindex.Kind == ReindexObjectType.ReindexObjectIndex
            ? context.Catalog.FindIndex(name) is { } index ? context.Catalog.FindTable(index.Table) : null
            : context.Catalog.FindTable(name);
        return context.Migration.IsNew(table);
    }

    private static Fix? Fix(StatementContext context, ReindexStmt reindex)
    {
        // CONCURRENTLY follows the object keyword: REINDEX [ (options) ] INDEX CONCURRENTLY name.
        var keyword = reindex.Kind switch
        {
            ReindexObjectType.ReindexObjectIndex => Token.Index,
            ReindexObjectType.ReindexObjectTable => Token.Table,
            ReindexObjectType.ReindexObjectSchema => Token.Schema,
            _ => Token.Database,
        };
        var span = context.Statement.FindKeyword(keyword);
        return span is null
            ? null
            : new Fix(
                "Insert CONCURRENTLY (the statement must then run outside a transaction block)",
                [TextEdit.Insert(span.Value.End, " CONCURRENTLY")],
                context.Migration.Transaction.InTransactionBlock ? FixSafety.Unsafe : FixSafety.Safe,
                validInTransactionBlock: false);
    }
}
