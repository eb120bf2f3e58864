using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6016: <c>a LEFT JOIN b</c> keeps the rows of <c>a</c> without a match, with NULL in every column
/// of <c>b</c>. A <c>WHERE</c> condition such as <c>b.status = 'paid'</c> is NULL for exactly those
/// rows and removes them, so the outer join silently became an inner join (the planner even turns it
/// into one). Either the condition belongs in the <c>ON</c> clause (keep the unmatched rows) or the
/// join should be written as <c>JOIN</c>.
/// </summary>
/// <remarks>
/// Only top-level <c>AND</c> operands of the <c>WHERE</c> of the query that owns the join are
/// checked, and only comparisons (<c>=</c>, <c>&lt;</c>, <c>LIKE</c>, <c>IN</c>, <c>BETWEEN</c> …) or
/// <c>IS NOT NULL</c> whose operand is a bare column of the nullable side, qualified by its name or
/// alias. Conditions under <c>OR</c>, with <c>coalesce</c>, <c>IS NULL</c> (the anti-join idiom) or
/// <c>IS [NOT] DISTINCT FROM</c> keep the NULL rows and are not reported.
/// </remarks>
public sealed class OuterJoinNullifiedByWhere : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6016",
        "outer-join-nullified-by-where",
        "Do not filter the nullable side of an outer join in WHERE",
        "{0} in WHERE rejects the NULL row the outer join produces for {1} when nothing matches, so the outer join acts as an inner join: move the condition into the ON clause, or write JOIN.",
        RuleCategory.Correctness,
        Severity.Warning,
        description: "A WHERE condition on the nullable side of a LEFT/RIGHT/FULL JOIN that rejects NULL removes the unmatched rows, turning the outer join into an inner join.");

    private static readonly HashSet<A_Expr_Kind> Comparisons =
        [A_Expr_Kind.AexprOp, A_Expr_Kind.AexprIn, A_Expr_Kind.AexprLike, A_Expr_Kind.AexprIlike, A_Expr_Kind.AexprSimilar, A_Expr_Kind.AexprBetween, A_Expr_Kind.AexprNotBetween];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        var query = context.Node;
        if (query.WhereClause is null || !query.FromClause.Any(static f => f.JoinExpr is not null))
        {
            return;
        }

        var nullable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in query.FromClause)
        {
            CollectNullable(item.Unwrap(), nullable);
        }

        // A name used on both sides (a self-join without aliases) cannot be attributed.
        var counts = QueryShape.Relations(query.FromClause).GroupBy(static r => r.Name).Where(static g => g.Count() > 1).Select(static g => g.Key);
        nullable.ExceptWith(counts.OfType<string>());
        if (nullable.Count == 0)
        {
            return;
        }

        foreach (var condition in QueryShape.Conjuncts(query.WhereClause))
        {
            if (RejectedRelation(condition, nullable) is { } relation)
            {
                var text = QueryShape.TextOf(context, condition);
                context.Report(Rule, context.GetSpan(condition), text.Length <= 60 ? text : "This condition", relation);
            }
        }
    }

    private static void CollectNullable(Google.Protobuf.IMessage? item, HashSet<string> nullable)
    {
        if (item is not JoinExpr join)
        {
            return;
        }

        CollectNullable(join.Larg.Unwrap(), nullable);
        CollectNullable(join.Rarg.Unwrap(), nullable);
        if (join.Jointype is JoinType.JoinLeft or JoinType.JoinFull)
        {
            nullable.UnionWith(QueryShape.Relations(join.Rarg.Unwrap()).Select(static r => r.Name).OfType<string>());
        }

        if (join.Jointype is JoinType.JoinRight or JoinType.JoinFull)
        {
            nullable.UnionWith(QueryShape.Relations(join.Larg.Unwrap()).Select(static r => r.Name).OfType<string>());
        }
    }

    /// <summary>The nullable relation whose NULL row the condition rejects, or null.</summary>
    private static string? RejectedRelation(Node condition, HashSet<string> nullable)
    {
        if (condition.NullTest is { Nulltesttype: NullTestType.IsNotNull } test)
        {
            return BareColumnOf(test.Arg, nullable);
        }

        if (condition.AExpr is not { } comparison || !Comparisons.Contains(comparison.Kind))
        {
            return null;
        }

        // Every built-in comparison is strict: NULL on either side makes it NULL.
        return BareColumnOf(comparison.Lexpr, nullable) ?? BareColumnOf(comparison.Rexpr, nullable);
    }

    private static string? BareColumnOf(Node? operand, HashSet<string> nullable)
    {
        var column = operand?.ColumnRef ?? operand?.TypeCast?.Arg?.ColumnRef;
        return column is { Fields.Count: 2 } && !column.IsStar() && column.Qualifier() is { } name && nullable.Contains(name) ? name : null;
    }
}
