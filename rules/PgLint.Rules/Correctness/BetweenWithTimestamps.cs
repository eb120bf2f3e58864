using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6004: <c>BETWEEN</c> includes both bounds. On a timestamp, <c>created_at BETWEEN '2024-01-01'
/// AND '2024-01-31'</c> ends at midnight at the start of the 31st, so it misses that whole day except
/// its first instant; and with adjacent ranges a row stamped exactly at a bound is counted twice. A
/// half-open range, <c>created_at &gt;= '2024-01-01' AND created_at &lt; '2024-02-01'</c>, has neither
/// problem and uses the same index.
/// </summary>
/// <remarks>
/// Reported when the tested value is a <c>timestamp</c> or <c>timestamptz</c> column known to the
/// catalog, or when a bound is cast to one of those types. <c>date</c> columns are not reported: an
/// inclusive range of whole days is what <c>BETWEEN</c> on dates means.
/// </remarks>
public sealed class BetweenWithTimestamps : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6004",
        "between-with-timestamps",
        "Use a half-open range instead of BETWEEN on timestamps",
        "BETWEEN on the timestamp {0} includes its upper bound: a date-only bound stops at midnight and misses the rest of that day, and adjacent ranges count a row at the bound twice; use {0} >= lower AND {0} < upper.",
        RuleCategory.Correctness,
        Severity.Warning,
        description: "BETWEEN includes both bounds, which on timestamps misses most of the last day or double-counts rows at the bound; a half-open range (>= and <) does not.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<A_Expr>(Analyze);

    private static void Analyze(NodeContext<A_Expr> context)
    {
        var between = context.Node;
        if (between.Kind is not (A_Expr_Kind.AexprBetween or A_Expr_Kind.AexprBetweenSym) || between.Lexpr is null)
        {
            return;
        }

        var boundsAreTimestamps = between.Rexpr?.List?.Items.Any(static b => b.TypeCast?.TypeName is { } type && IsTimestamp(TypeNames.Format(type))) == true;
        var columnIsTimestamp = between.Lexpr.ColumnRef is { } column
            && QueryShape.Resolve(context.Catalog, context.Ancestors, column) is var (_, found) && IsTimestamp(found.TypeName);
        if (boundsAreTimestamps || columnIsTimestamp)
        {
            context.Report(Rule, context.GetSpan(between), QueryShape.TextOf(context, between.Lexpr));
        }
    }

    private static bool IsTimestamp(string typeName) => typeName.StartsWith("timestamp", StringComparison.Ordinal) && !typeName.EndsWith("[]", StringComparison.Ordinal);
}
