using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2001: an index on <c>created_at</c> stores the column's values; a condition on
/// <c>date(created_at)</c>, <c>lower(email)</c>, <c>amount * 2</c> or <c>coalesce(col, 0)</c> asks about a
/// different value, which the index does not have, so PostgreSQL evaluates the expression for every
/// row. Moving the computation to the other side (<c>created_at &gt;= $1 AND created_at &lt; $1 + 1</c>,
/// <c>amount &gt; $1 / 2</c>) or indexing the expression itself lets an index find the rows.
/// </summary>
/// <remarks>
/// Reported in <c>WHERE</c> and <c>JOIN … ON</c> for comparisons of an expression over one column with
/// a value that does not depend on the row (constants, parameters, <c>now()</c>). Not reported:
/// comparisons between two columns (joins), aggregates, JSON and other operators, and any expression
/// matched by an expression index on the table in the catalog.
/// </remarks>
public sealed class NonSargablePredicate : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2001",
        "non-sargable-predicate",
        "Compare bare columns so that indexes can be used",
        "{0} computes a value from column {1} for every row, so an index on {1} cannot serve this condition; compare the bare column with a transformed value, or create an index on the expression.",
        RuleCategory.Performance,
        Severity.Warning,
        description: "A function, cast or arithmetic applied to a column in WHERE or JOIN … ON hides the column from its indexes; compare the bare column or index the expression.");

    private static readonly HashSet<string> Comparisons = ["=", "<", ">", "<=", ">=", "<>"];
    private static readonly HashSet<string> Arithmetic = ["+", "-", "*", "/", "%"];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<A_Expr>(Analyze);

    private static void Analyze(NodeContext<A_Expr> context)
    {
        var comparison = context.Node;
        var isComparison = comparison.Kind switch
        {
            A_Expr_Kind.AexprOp => Comparisons.Contains(comparison.OperatorName() ?? string.Empty),
            A_Expr_Kind.AexprIn or A_Expr_Kind.AexprBetween => true,
            _ => false,
        };
        if (!isComparison || !QueryShape.IsInQueryCondition(context.Ancestors))
        {
            return;
        }

        foreach (var (side, other) in new[] { (comparison.Lexpr, comparison.Rexpr), (comparison.Rexpr, comparison.Lexpr) })
        {
            if (side is null || WrappedColumn(side) is not { } column || (other is not null && QueryShape.ColumnRefs(other).Any()))
            {
                continue;
            }

            if (!MatchesExpressionIndex(context, side, column))
            {
                var text = QueryShape.TextOf(context, side);
                context.Report(Rule, context.GetSpan(side), text.Length <= 60 ? text : "This expression", QualifiedName.Quote(column.ColumnName() ?? "?"));
            }

            return;
        }
    }

    /// <summary>The single column an expression computes from, when the expression is a call, cast, coalesce or arithmetic over it.</summary>
    private static ColumnRef? WrappedColumn(Node expression)
    {
        var wrapped = expression.NodeCase switch
        {
            Node.NodeOneofCase.FuncCall => !QueryShape.IsAggregate(expression.FuncCall) && expression.FuncCall.Over is null,
            Node.NodeOneofCase.TypeCast => expression.TypeCast.Arg?.ColumnRef is not null,
            Node.NodeOneofCase.CoalesceExpr => true,
            Node.NodeOneofCase.AExpr => expression.AExpr.Kind == A_Expr_Kind.AexprOp && Arithmetic.Contains(expression.AExpr.OperatorName() ?? string.Empty),
            _ => false,
        };
        if (!wrapped || expression.DescendantsAndSelf().Any(static d => d.Node is SubLink))
        {
            return null;
        }

        var columns = QueryShape.ColumnRefs(expression).Where(static c => !c.IsStar()).ToList();
        return columns.Count > 0 && columns.All(c => QueryShape.SameExpression(c, columns[0])) ? columns[0] : null;
    }

    private static bool MatchesExpressionIndex(NodeContext<A_Expr> context, Node expression, ColumnRef column)
    {
        var indexes = QueryShape.Resolve(context.Catalog, context.Ancestors, column) is var (table, _)
            ? context.Catalog.IndexesOn(table)
            : context.Catalog.Indexes;
        var unwrapped = expression.TypeCast?.Arg ?? expression;
        return indexes.SelectMany(static i => i.Keys).Select(static k => k.Expression).OfType<string>()
            .Select(QueryShape.ParseExpression).OfType<Node>()
            .Any(key => QueryShape.SameExpression(key, expression, ignoreQualifiers: true) || QueryShape.SameExpression(key, unwrapped, ignoreQualifiers: true));
    }
}
