using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2019: the jsonb operators <c>@&gt;</c>, <c>?</c>, <c>?|</c> and <c>?&amp;</c> can only use a GIN
/// index (<c>jsonb_ops</c>, or <c>jsonb_path_ops</c> for <c>@&gt;</c>); a B-tree index on the column
/// does not help them. Without one, each such condition reads and decomposes the jsonb value of
/// every row.
/// </summary>
/// <remarks>
/// Reported when the catalog knows the column is <c>jsonb</c> and the table has no GIN index whose
/// key is that column. Expression indexes on paths inside the column serve other queries and do
/// not count.
/// </remarks>
public sealed class JsonbContainmentWithoutGin : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2019",
        "jsonb-containment-without-gin",
        "Index jsonb columns queried with @> or ? with GIN",
        "{0} on jsonb column {1} can only use a GIN index, and {2} has none on {1}, so every row's document is read and searched; create a GIN index on {1} (jsonb_path_ops for @> only).",
        RuleCategory.Performance,
        Severity.Info,
        description: "jsonb containment and key-existence operators need a GIN index on the column; without one every document is scanned.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<A_Expr>(Analyze);

    private static void Analyze(NodeContext<A_Expr> context)
    {
        var match = context.Node;
        if (match.Kind != A_Expr_Kind.AexprOp || match.OperatorName() is not ("@>" or "?" or "?|" or "?&") || match.Lexpr?.ColumnRef is not { } column
            || !QueryShape.IsInQueryCondition(context.Ancestors)
            || QueryShape.Resolve(context.Catalog, context.Ancestors, column) is not var (table, found) || found.TypeName != "jsonb")
        {
            return;
        }

        if (context.Catalog.IndexesOn(table).Any(i => i.Method == "gin" && i.Keys.Any(k => k.Column == found.Name)))
        {
            return;
        }

        var text = QueryShape.TextOf(context, match);
        context.Report(Rule, context.GetSpan(match), text.Length <= 60 ? text : match.OperatorName(), QualifiedName.Quote(found.Name), table.Name);
    }
}
