using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2007: <c>(SELECT count(*) FROM … WHERE …) &gt; 0</c> asks whether a row exists by counting all of
/// them: PostgreSQL reads every matching row (or index entry) to the end. <c>EXISTS (SELECT 1 FROM …
/// WHERE …)</c> stops at the first one, which on a large match is the difference between one row and
/// millions.
/// </summary>
/// <remarks>Reported: a scalar <c>count</c> subquery without <c>GROUP BY</c> compared with 0 (<c>&gt; 0</c>, <c>&lt;&gt; 0</c>, <c>= 0</c>) or 1 (<c>&gt;= 1</c>, <c>&lt; 1</c>).</remarks>
public sealed class CountForExistence : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2007",
        "count-for-existence",
        "Use EXISTS instead of counting to test for rows",
        "Comparing count(*) with {0} counts every matching row only to learn whether there is one; use {1}EXISTS (SELECT 1 FROM …), which stops at the first row.",
        RuleCategory.Performance,
        Severity.Info,
        description: "count(*) compared with 0 reads all matching rows; EXISTS stops at the first.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<A_Expr>(Analyze);

    private static void Analyze(NodeContext<A_Expr> context)
    {
        var comparison = context.Node;
        if (comparison.Kind != A_Expr_Kind.AexprOp || comparison.OperatorName() is not { } op)
        {
            return;
        }

        var countOnLeft = IsCountSubquery(comparison.Lexpr);
        if (!countOnLeft && !IsCountSubquery(comparison.Rexpr))
        {
            return;
        }

        var value = (countOnLeft ? comparison.Rexpr : comparison.Lexpr).ConstantText();
        if (!countOnLeft)
        {
            op = op switch { ">" => "<", "<" => ">", ">=" => "<=", "<=" => ">=", _ => op };
        }

        bool? exists = (op, value) switch
        {
            (">" or "<>", "0") or (">=", "1") => true,
            ("=" or "<=", "0") or ("<", "1") => false,
            _ => null,
        };
        if (exists is { } positive)
        {
            context.Report(Rule, context.GetSpan(comparison), value, positive ? string.Empty : "NOT ");
        }
    }

    private static bool IsCountSubquery(Node? operand) =>
        operand?.SubLink is { SubLinkType: SubLinkType.ExprSublink, Subselect.SelectStmt: { Op: SetOperation.SetopNone, GroupClause.Count: 0, TargetList: [{ ResTarget.Val.FuncCall: { } call }] } }
        && call.Funcname[^1].AsString() == "count" && call.Over is null;
}
