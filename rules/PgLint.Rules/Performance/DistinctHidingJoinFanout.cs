using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2013: <c>SELECT DISTINCT</c> over a join usually repairs duplicates that the join itself
/// produced: joining customers to their orders to find customers with an order yields one row per
/// order, and <c>DISTINCT</c> then sorts or hashes them all to throw the copies away. A semi-join
/// (<c>WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)</c>) never produces the
/// duplicates and stops at the first match per customer.
/// </summary>
/// <remarks>Only plain <c>DISTINCT</c> is reported, when the <c>FROM</c> list joins two or more relations. <c>DISTINCT ON</c> and <c>GROUP BY</c> are not.</remarks>
public sealed class DistinctHidingJoinFanout : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2013",
        "distinct-hiding-join-fanout",
        "Do not use DISTINCT to undo the duplicates of a join",
        "SELECT DISTINCT over a join first builds every row the join produces and then sorts or hashes them to remove copies; if the join only checks that related rows exist, use EXISTS, which produces no duplicates.",
        RuleCategory.Performance,
        Severity.Info,
        description: "SELECT DISTINCT over a join hides the join's fan-out after paying for it; EXISTS avoids producing the duplicates.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        var query = context.Node;
        if (query.DistinctClause is not [{ } only] || only.Unwrap() is not null || QueryShape.Relations(query.FromClause).Count() < 2)
        {
            return;
        }

        var statement = context.Statement;
        var first = query.TargetList.FirstOrDefault()?.GetLocationExtent().First ?? -1;
        var index = first < 0 ? -1 : statement.FindTokenIndex(statement.ByteStart + first);
        while (index > 0 && statement.Tokens[index].Kind != Token.Distinct)
        {
            index--;
        }

        context.Report(Rule, index <= 0 ? statement.Span : statement.GetTokenSpanAt(index));
    }
}
