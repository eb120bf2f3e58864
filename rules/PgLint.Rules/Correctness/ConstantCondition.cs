using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6008: a comparison of an expression with itself, such as <c>a.id = a.id</c> where
/// <c>a.id = b.id</c> was meant, is no condition at all: <c>=</c>, <c>&lt;=</c> and <c>&gt;=</c> are
/// true for every row where the value is not NULL (so the condition only filters NULLs), while
/// <c>&lt;&gt;</c>, <c>&lt;</c> and <c>&gt;</c> are never true. In a join condition it turns the join
/// into a cross join; in a <c>WHERE</c> it keeps all rows or none.
/// </summary>
/// <remarks>
/// Only comparisons whose two sides are the same column expression are reported, in <c>WHERE</c>,
/// <c>JOIN … ON</c> and <c>HAVING</c>. Constant conditions such as <c>1 = 1</c> or <c>1 = 0</c>,
/// written on purpose to build queries or to copy a table's structure, are left alone, and so are
/// expressions with volatile calls such as <c>random()</c>.
/// </remarks>
public sealed class ConstantCondition : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6008",
        "constant-condition",
        "Do not compare an expression with itself",
        "{0} compares {1} with itself, so it is {2}: compare with the column that was meant.",
        RuleCategory.Correctness,
        Severity.Warning,
        description: "A comparison of an expression with itself is always true (for non-NULL values) or never true, so the condition does not filter or join as intended.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<A_Expr>(Analyze);

    private static void Analyze(NodeContext<A_Expr> context)
    {
        var comparison = context.Node;
        if (comparison.Kind != A_Expr_Kind.AexprOp
            || comparison.OperatorName() is not ({ } op and ("=" or "<>" or "<" or ">" or "<=" or ">="))
            || comparison.Lexpr is null || comparison.Rexpr is null
            || !QueryShape.IsInQueryCondition(context.Ancestors, includeHaving: true))
        {
            return;
        }

        if (!QueryShape.ColumnRefs(comparison.Lexpr).Any() || comparison.Lexpr.DescendantsAndSelf().Any(static d => d.Node is FuncCall or SubLink))
        {
            return;
        }

        if (!QueryShape.SameExpression(comparison.Lexpr, comparison.Rexpr))
        {
            return;
        }

        var left = QueryShape.TextOf(context, comparison.Lexpr);

        var outcome = op is "=" or "<=" or ">=" ? "true for every row where it is not NULL" : "never true";
        var span = context.GetSpan(comparison);
        var text = QueryShape.TextOf(context, comparison);
        context.Report(Rule, span, text.Length <= 60 ? text : "This comparison", left, outcome);
    }
}
