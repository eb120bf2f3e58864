using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2002: a B-tree index can serve <c>LIKE 'abc%'</c> (with the C collation or a
/// <c>text_pattern_ops</c> index) because the pattern fixes a prefix, but a pattern that starts with
/// <c>%</c> or <c>_</c>, or a regular expression not anchored with <c>^</c>, fixes nothing: every row is
/// read and matched. A trigram index from <c>pg_trgm</c> (<c>GIN (col gin_trgm_ops)</c>) serves
/// such patterns, and full-text search serves word searches.
/// </summary>
/// <remarks>
/// Checked in <c>WHERE</c> and <c>JOIN … ON</c> only, for constant patterns. Silent when the catalog
/// has a GIN or GiST index with a trigram operator class on the column.
/// </remarks>
public sealed class LeadingWildcardPattern : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2002",
        "leading-wildcard-pattern",
        "Do not filter with patterns that start with a wildcard",
        "{0} cannot use a B-tree index on {1} because the pattern has no fixed prefix, so every row is read and matched; add a pg_trgm GIN index on {1} or use full-text search.",
        RuleCategory.Performance,
        Severity.Warning,
        description: "LIKE/ILIKE patterns starting with % or _ and unanchored regular expressions cannot use a B-tree index; a pg_trgm index can.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<A_Expr>(Analyze);

    private static void Analyze(NodeContext<A_Expr> context)
    {
        var match = context.Node;
        if (match.Lexpr?.ColumnRef is not { } column || column.ColumnName() is not { } name
            || Pattern(match) is not { } pattern
            || !QueryShape.IsInQueryCondition(context.Ancestors))
        {
            return;
        }

        var isLike = match.Kind is A_Expr_Kind.AexprLike or A_Expr_Kind.AexprIlike;
        var unanchored = isLike ? pattern.Length > 0 && pattern[0] is '%' or '_' : !pattern.StartsWith('^');
        if (!unanchored || HasTrigramIndex(context, column, name))
        {
            return;
        }

        var text = QueryShape.TextOf(context, match);
        context.Report(Rule, context.GetSpan(match), text.Length <= 60 ? text : "This pattern match", QualifiedName.Quote(name));
    }

    /// <summary>The constant pattern of a positive LIKE, ILIKE or regular-expression match, or null.</summary>
    private static string? Pattern(A_Expr match)
    {
        var positive = match.Kind switch
        {
            A_Expr_Kind.AexprLike => match.OperatorName() == "~~",
            A_Expr_Kind.AexprIlike => match.OperatorName() == "~~*",
            A_Expr_Kind.AexprOp => match.OperatorName() is "~" or "~*",
            _ => false,
        };
        return positive ? (match.Rexpr?.TypeCast?.Arg ?? match.Rexpr)?.AConst?.Sval?.Sval : null;
    }

    private static bool HasTrigramIndex(NodeContext<A_Expr> context, ColumnRef column, string name)
    {
        var table = QueryShape.Resolve(context.Catalog, context.Ancestors, column)?.Table;
        var indexes = table is null ? context.Catalog.Indexes : context.Catalog.IndexesOn(table);
        return indexes.Any(i => i.Method is "gin" or "gist"
            && i.Keys.Any(k => k.Column == name && k.Opclass?.Contains("trgm", StringComparison.Ordinal) == true));
    }
}
