using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2011: a scalar subquery in the select list that refers to the outer row, such as
/// <c>(SELECT count(*) FROM orders o WHERE o.customer_id = c.id)</c>, runs once per output row: a
/// nested loop of index lookups at best, a scan per row at worst. With many rows, a join to a
/// pre-aggregated subquery (<c>LEFT JOIN (SELECT customer_id, count(*) … GROUP BY customer_id)</c>)
/// or a <c>LATERAL</c> join computes the same in one pass the planner can choose a strategy for.
/// </summary>
/// <remarks>
/// Reported: scalar subqueries in a <c>SELECT</c> list whose columns are qualified with a relation of
/// the outer query's <c>FROM</c> that the subquery does not define itself.
/// </remarks>
public sealed class CorrelatedSubqueryInSelect : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2011",
        "correlated-subquery-in-select",
        "Join instead of running a correlated subquery per output row",
        "This subquery refers to {0} of the outer query, so it runs once for every output row; join to a grouped subquery or use a LATERAL join so the planner can compute it in one pass.",
        RuleCategory.Performance,
        Severity.Info,
        description: "A correlated scalar subquery in the select list runs once per output row; a join or LATERAL join lets the planner compute it in one pass.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        var outer = QueryShape.Relations(context.Node.FromClause).Select(static r => r.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (outer.Count == 0)
        {
            return;
        }

        foreach (var value in context.Node.TargetList.Select(static t => t.ResTarget?.Val))
        {
            if (value?.SubLink is not { SubLinkType: SubLinkType.ExprSublink, Subselect.SelectStmt: { } subquery })
            {
                continue;
            }

            var own = subquery.DescendantsAndSelf().Select(static d => d.Node).OfType<SelectStmt>()
                .SelectMany(static s => QueryShape.Relations(s.FromClause)).Select(static r => r.Name).OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            var correlated = QueryShape.ColumnRefs(subquery).Select(static r => r.Qualifier()).OfType<string>()
                .FirstOrDefault(q => outer.Contains(q) && !own.Contains(q));
            if (correlated is not null)
            {
                context.Report(Rule, QueryShape.SubquerySpan(context, subquery), QualifiedName.Quote(correlated));
            }
        }
    }
}
