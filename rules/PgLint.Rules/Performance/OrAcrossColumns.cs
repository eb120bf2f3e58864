using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2010: <c>WHERE email = $1 OR phone = $2</c> asks for rows matching either column. No single
/// B-tree index can serve that: an index on <c>(email, phone)</c> only helps the first condition.
/// PostgreSQL can combine one index per column with a BitmapOr, if both exist; otherwise it reads the
/// whole table. Writing the query as a <c>UNION</c> of two single-column queries lets each use its
/// own index and makes the requirement visible.
/// </summary>
/// <remarks>
/// Reported: an <c>OR</c> in <c>WHERE</c> whose operands are all equalities of a bare column with a
/// value, naming at least two different columns of the same relation. <c>x = 1 OR x = 2</c> (one
/// column, the same as <c>IN</c>) is not reported.
/// </remarks>
public sealed class OrAcrossColumns : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2010",
        "or-across-columns",
        "Split OR conditions on different columns",
        "This OR matches on different columns ({0}), which no single index serves: it needs an index on each column combined by a BitmapOr, or a UNION of single-column queries.",
        RuleCategory.Performance,
        Severity.Info,
        description: "OR across different columns of one table cannot use a single B-tree index; it needs one index per column or a UNION.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<BoolExpr>(Analyze);

    private static void Analyze(NodeContext<BoolExpr> context)
    {
        if (context.Node.Boolop != BoolExprType.OrExpr || !QueryShape.IsInQueryCondition(context.Ancestors))
        {
            return;
        }

        var columns = new List<ColumnRef>();
        foreach (var operand in context.Node.Args)
        {
            if (operand.AExpr is not { Kind: A_Expr_Kind.AexprOp } equality || equality.OperatorName() != "="
                || Column(equality) is not { } column)
            {
                return;
            }

            columns.Add(column);
        }

        var qualifiers = columns.Select(static c => c.Qualifier()).Distinct().ToList();
        var names = columns.Select(static c => c.ColumnName()).OfType<string>().Distinct().ToList();
        if (qualifiers.Count == 1 && names.Count > 1)
        {
            context.Report(Rule, context.GetSpan(context.Node), string.Join(", ", names.Select(QualifiedName.Quote)));
        }
    }

    private static ColumnRef? Column(A_Expr equality)
    {
        var (column, value) = equality.Lexpr?.ColumnRef is { } left ? (left, equality.Rexpr) : (equality.Rexpr?.ColumnRef, equality.Lexpr);
        return column is not null && !column.IsStar() && value is not null && !QueryShape.ColumnRefs(value).Any() ? column : null;
    }
}
