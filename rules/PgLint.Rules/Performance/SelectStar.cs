using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2004: <c>SELECT *</c> returns every column the table has at the time the query runs. Wide or
/// TOASTed columns are read, detoasted and sent even when nobody uses them, an index-only scan
/// becomes impossible, and a column added, dropped or reordered changes what the application
/// receives. A view stores the column list expanded when it is created, so a <c>SELECT *</c> view
/// silently misses columns added later.
/// </summary>
/// <remarks>
/// Not reported: <c>EXISTS (SELECT * …)</c>, <c>count(*)</c>, and a <c>*</c> over relations that are
/// all CTEs, subqueries or functions whose columns the query itself lists.
/// </remarks>
public sealed class SelectStar : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2004",
        "select-star",
        "List the columns instead of SELECT *",
        "{0} returns every column of {1}, reading and sending columns nobody uses, ruling out index-only scans, and changing with the table; list the columns needed.",
        RuleCategory.Performance,
        Severity.Info,
        description: "SELECT * reads and sends every column, prevents index-only scans and changes meaning when the table changes; views freeze the expansion at creation.",
        profileLevels: new Dictionary<string, string> { [Profiles.ExtensionScript] = "off" });

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        var query = context.Node;
        if (query.TargetList.Count == 0 || context.Parent is { Node: SubLink { SubLinkType: SubLinkType.ExistsSublink } })
        {
            return;
        }

        var ctes = QueryShape.VisibleCteNames(context.Ancestors).Concat(QueryShape.VisibleCteNames([new AstAncestor(query, "with_clause")])).ToHashSet(StringComparer.Ordinal);
        var tables = QueryShape.Relations(query.FromClause)
            .Where(r => r.Relation is { } relation && !(string.IsNullOrEmpty(relation.Schemaname) && ctes.Contains(relation.Relname)))
            .ToList();
        foreach (var star in query.TargetList.Select(static t => t.ResTarget?.Val?.ColumnRef).OfType<ColumnRef>().Where(static c => c.IsStar()))
        {
            var qualifier = star.Qualifier();
            var expanded = qualifier is null ? tables : tables.Where(t => t.Name == qualifier).ToList();
            if (expanded.Count > 0)
            {
                var names = string.Join(", ", expanded.Select(static t => t.Relation!.ToQualifiedName().ToString()));
                context.Report(Rule, context.GetSpan(star), qualifier is null ? "SELECT *" : $"SELECT {qualifier}.*", names);
            }
        }
    }
}
