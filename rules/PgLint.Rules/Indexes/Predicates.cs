using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Indexes;

/// <summary>What the index rules share about predicates: the columns a condition compares with a value.</summary>
internal static class Predicates
{
    private static readonly HashSet<string> IndexableOperators = new(StringComparer.Ordinal) { "=", "<", ">", "<=", ">=" };

    /// <summary>
    /// The column references that the top-level <c>AND</c> arms of a condition compare with something
    /// (<c>col = value</c>, <c>col &gt; value</c>, <c>col IN (…)</c>, <c>col IN (SELECT …)</c>, <c>col = ANY(…)</c>, <c>col BETWEEN …</c>,
    /// <c>a.x = b.y</c>), as the names written (<c>["o", "customer_id"]</c>). Conditions under <c>OR</c>,
    /// <c>NOT</c> and subqueries are left out: no single index serves them.
    /// With <paramref name="equalityOnly"/>, only equality and membership with values that read no column
    /// (no scalar subquery that may depend on the row) count.
    /// </summary>
    public static IEnumerable<(IReadOnlyList<string> Column, ColumnRef Reference)> ComparedColumns(Node? condition, bool equalityOnly = false)
    {
        if (condition is null)
        {
            yield break;
        }

        if (condition.BoolExpr is { Boolop: BoolExprType.AndExpr } and)
        {
            foreach (var arm in and.Args)
            {
                foreach (var column in ComparedColumns(arm, equalityOnly))
                {
                    yield return column;
                }
            }

            yield break;
        }

        if (condition.SubLink is { SubLinkType: SubLinkType.AnySublink, Testexpr.ColumnRef: { } tested } && Names(tested) is { } testedNames)
        {
            yield return (testedNames, tested);
            yield break;
        }

        if (condition.AExpr is not { } expression)
        {
            yield break;
        }

        var comparable = expression.Kind switch
        {
            A_Expr_Kind.AexprOp => expression.OperatorName() is { } op && (equalityOnly ? op == "=" : IndexableOperators.Contains(op)),
            A_Expr_Kind.AexprIn => expression.OperatorName() == "=",
            A_Expr_Kind.AexprOpAny => expression.OperatorName() == "=",
            A_Expr_Kind.AexprBetween => !equalityOnly,
            _ => false,
        };
        if (!comparable)
        {
            yield break;
        }

        foreach (var (side, other) in new[] { (expression.Lexpr, expression.Rexpr), (expression.Rexpr, expression.Lexpr) })
        {
            if (side?.ColumnRef is { } reference && Names(reference) is { } names && !(equalityOnly && ReadsColumns(other)))
            {
                yield return (names, reference);
            }
        }
    }

    /// <summary>True when the expression reads a column (any <c>ColumnRef</c> in it, subqueries included).</summary>
    public static bool ReadsColumns(Node? expression) =>
        expression is not null && expression.DescendantsAndSelf().Any(static d => d.Node is ColumnRef);

    private static List<string>? Names(ColumnRef reference)
    {
        var names = reference.Fields.Select(static f => f.AsString()).OfType<string>().ToList();
        return names.Count == reference.Fields.Count && names.Count is 1 or 2 ? names : null;
    }
}
