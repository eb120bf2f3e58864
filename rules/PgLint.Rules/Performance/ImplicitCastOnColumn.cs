using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2003: when a column is compared with a value of another type, PostgreSQL picks an operator
/// for a common type, and when no operator of the column's index operator family accepts the pair
/// it casts the column: <c>bigint_col = 1.5</c> becomes <c>bigint_col::numeric = 1.5</c>,
/// <c>varchar_col = $1::char(3)</c> becomes <c>varchar_col::bpchar = …</c>. The index stores the
/// column's own values, not the cast ones, so it cannot serve the condition and every row is read.
/// </summary>
/// <remarks>
/// Reported only for pairs checked with EXPLAIN on PostgreSQL 15 to cast the column: an integer
/// column with a <c>numeric</c>, <c>real</c> or <c>double precision</c> value, a <c>numeric</c>
/// column with a floating-point value, a <c>varchar</c> column with a <c>character</c> value and a
/// <c>character</c> column with a <c>text</c> value. The value's type must be certain: a numeric
/// literal, an explicit cast or <c>random()</c>. Not reported: quoted literals and parameters
/// without a cast (their type is taken from the column), integers of any width against each other,
/// <c>date</c>/<c>timestamp</c>/<c>timestamptz</c> against each other and <c>text</c> against
/// <c>varchar</c> (cross-type operators keep the index usable), comparisons of two columns, and
/// columns whose type the catalog does not know.
/// </remarks>
public sealed class ImplicitCastOnColumn : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2003",
        "implicit-cast-on-column",
        "Compare columns with values of their own type",
        "Column {0} ({1}) is compared with a {2} value, so PostgreSQL casts the column to {3} for every row and an index on {0} cannot serve this condition; cast the value to {1} instead.",
        RuleCategory.Performance,
        Severity.Warning,
        description: "A value of another type can make PostgreSQL cast the column instead of the value, which hides the column from its indexes.");

    private static readonly HashSet<string> Comparisons = ["=", "<", ">", "<=", ">=", "<>"];
    private static readonly HashSet<string> Integers = ["smallint", "integer", "bigint"];
    private static readonly HashSet<string> Floats = ["real", "double precision"];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<A_Expr>(Analyze);

    private static void Analyze(NodeContext<A_Expr> context)
    {
        var comparison = context.Node;
        var values = comparison.Kind switch
        {
            A_Expr_Kind.AexprOp when Comparisons.Contains(comparison.OperatorName() ?? string.Empty) => Operands(comparison),
            A_Expr_Kind.AexprOpAny or A_Expr_Kind.AexprOpAll when Comparisons.Contains(comparison.OperatorName() ?? string.Empty) => ArrayElements(comparison),
            A_Expr_Kind.AexprIn or A_Expr_Kind.AexprBetween or A_Expr_Kind.AexprNotBetween => ListItems(comparison),
            _ => null,
        };
        if (values is not var (columnNode, items) || columnNode.ColumnRef is not { } reference || reference.IsStar()
            || !QueryShape.IsInQueryCondition(context.Ancestors)
            || QueryShape.Resolve(context.Catalog, context.Ancestors, reference) is not var (_, column))
        {
            return;
        }

        var columnType = BaseType(column.TypeName);
        var valueTypes = items.Select(ValueType).ToList();
        foreach (var valueType in valueTypes.OfType<string>().Distinct())
        {
            if (CastTarget(columnType, valueType) is { } target)
            {
                context.Report(Rule, context.GetSpan(reference), QualifiedName.Quote(column.Name), column.TypeName, valueType, target);
                return;
            }
        }
    }

    /// <summary>The column operand and the value operand of a binary comparison, in either order.</summary>
    private static (Node Column, IReadOnlyList<Node> Values)? Operands(A_Expr comparison) =>
        (comparison.Lexpr, comparison.Rexpr) switch
        {
            ({ ColumnRef: not null } column, { ColumnRef: null } value) => (column, [value]),
            ({ ColumnRef: null } value, { ColumnRef: not null } column) => (column, [value]),
            _ => null,
        };

    /// <summary><c>col = ANY (ARRAY[…])</c> and <c>col = ANY ('{…}'::numeric[])</c>.</summary>
    private static (Node Column, IReadOnlyList<Node> Values)? ArrayElements(A_Expr comparison) =>
        comparison.Rexpr switch
        {
            { AArrayExpr: { } array } => (comparison.Lexpr, array.Elements),
            { TypeCast: { TypeName.ArrayBounds.Count: 1 } cast } => (comparison.Lexpr, [new Node { TypeCast = new TypeCast { Arg = cast.Arg, TypeName = ElementType(cast.TypeName) } }]),
            _ => null,
        };

    private static (Node Column, IReadOnlyList<Node> Values)? ListItems(A_Expr comparison) =>
        comparison.Rexpr?.List is { } list ? (comparison.Lexpr, list.Items) : null;

    private static TypeName ElementType(TypeName type)
    {
        var element = type.Clone();
        element.ArrayBounds.Clear();
        return element;
    }

    /// <summary>The type of a value when it is certain without the catalog, else null (quoted literals and bare parameters take the column's type).</summary>
    private static string? ValueType(Node value) => value switch
    {
        { AConst: { Isnull: false, ValCase: A_Const.ValOneofCase.Ival } } => "integer",
        { AConst: { Isnull: false, ValCase: A_Const.ValOneofCase.Fval } constant } =>
            long.TryParse(constant.Fval.Fval, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _) ? "bigint" : "numeric",
        { TypeCast.TypeName: { ArrayBounds.Count: 0 } type } => BaseType(TypeNames.Format(type)),
        { FuncCall: { Args.Count: 0, Funcname: [var name] } } when name.AsString() == "random" => "double precision",
        _ => null,
    };

    /// <summary>The type without its modifiers: <c>numeric(10,2)</c> → <c>numeric</c>, <c>character varying(20)</c> → <c>character varying</c>.</summary>
    private static string BaseType(string typeName)
    {
        var open = typeName.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? typeName : typeName[..open];
    }

    /// <summary>The type PostgreSQL casts the column to, for pairs where no cross-type operator of the column's btree family applies.</summary>
    private static string? CastTarget(string column, string value) => (column, value) switch
    {
        _ when Integers.Contains(column) && value == "numeric" => "numeric",
        _ when (Integers.Contains(column) || column == "numeric") && Floats.Contains(value) => "double precision",
        ("character varying", "character") => "character",
        ("character", "text") => "text",
        _ => null,
    };
}
