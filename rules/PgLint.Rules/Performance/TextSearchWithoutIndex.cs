using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2015: <c>to_tsvector('english', body) @@ query</c> in a <c>WHERE</c> parses and stems every row's
/// text for every query. An index can serve it only if it indexes exactly that expression
/// (<c>CREATE INDEX … USING gin (to_tsvector('english', body))</c>, with the same configuration
/// argument), or when the vector is stored in a generated <c>tsvector</c> column with a GIN index.
/// </summary>
/// <remarks>
/// Silent when the catalog has an index whose key expression is the same <c>to_tsvector</c> call
/// (column qualifiers aside). Calls over constants only are not reported.
/// </remarks>
public sealed class TextSearchWithoutIndex : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2015",
        "text-search-without-index",
        "Index the tsvector expression used in full-text searches",
        "{0} is computed for every row, parsing and stemming its text, because no index has exactly this expression; create a GIN index on it (with the same configuration), or store the vector in a generated column with a GIN index.",
        RuleCategory.Performance,
        Severity.Info,
        description: "to_tsvector(…) @@ … in WHERE recomputes the vector of every row unless a GIN index on exactly that expression exists.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<A_Expr>(Analyze);

    private static void Analyze(NodeContext<A_Expr> context)
    {
        var match = context.Node;
        if (match.Kind != A_Expr_Kind.AexprOp || match.OperatorName() != "@@" || !QueryShape.IsInQueryCondition(context.Ancestors))
        {
            return;
        }

        foreach (var side in new[] { match.Lexpr, match.Rexpr })
        {
            if (side?.FuncCall is not { } call || call.Funcname[^1].AsString() != "to_tsvector" || !QueryShape.ColumnRefs(call).Any())
            {
                continue;
            }

            var indexed = context.Catalog.Indexes.SelectMany(static i => i.Keys).Select(static k => k.Expression).OfType<string>()
                .Select(QueryShape.ParseExpression).OfType<Node>()
                .Any(key => QueryShape.SameExpression(key, side, ignoreQualifiers: true));
            if (!indexed)
            {
                var text = QueryShape.TextOf(context, side);
                context.Report(Rule, context.GetSpan(side), text.Length <= 60 ? text : "to_tsvector(…)");
            }
        }
    }
}
