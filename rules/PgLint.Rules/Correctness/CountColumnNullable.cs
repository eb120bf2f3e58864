using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6011: <c>count(col)</c> counts the rows where <c>col</c> is not NULL; <c>count(*)</c> counts rows.
/// On a nullable column the two differ, and <c>count(col)</c> written to mean "how many rows" silently
/// undercounts once NULLs appear. When counting the non-NULL values is the point, the column makes
/// that explicit; otherwise <c>count(*)</c> says what is meant (and is not slower).
/// </summary>
/// <remarks>
/// Reported only when the catalog knows the column and it is nullable. <c>count(DISTINCT col)</c>, counts with a <c>FILTER</c> clause,
/// counts over NOT NULL columns and columns the catalog does not know are not reported.
/// </remarks>
public sealed class CountColumnNullable : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6011",
        "count-column-nullable",
        "Use count(*) to count rows",
        "count({0}) skips the rows where the nullable column {0} is NULL; if every row should count, use count(*).",
        RuleCategory.Correctness,
        Severity.Info,
        description: "count(col) on a nullable column counts non-NULL values, not rows; count(*) counts rows.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<FuncCall>(Analyze);

    private static void Analyze(NodeContext<FuncCall> context)
    {
        var call = context.Node;
        if (call.Funcname.Count != 1 || call.Funcname[0].AsString() != "count" || call.AggDistinct || call.AggFilter is not null || call.Args is not [{ ColumnRef: { } column }]
            || QueryShape.Resolve(context.Catalog, context.Ancestors, column) is not var (table, found) || Catalog.IsNotNull(table, found.Name))
        {
            return;
        }

        context.Report(Rule, context.GetSpan(call), QueryShape.TextOf(context, column));
    }
}
