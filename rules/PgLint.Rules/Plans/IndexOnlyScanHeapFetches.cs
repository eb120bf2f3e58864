using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Analysis.Plans;

namespace PgLint.Rules.Plans;

/// <summary>
/// PG9007: an index-only scan skips the heap only for pages the visibility map marks all-visible;
/// for other pages it fetches the row anyway. Many heap fetches mean VACUUM has not kept up with
/// the table's changes, and the scan is an ordinary index scan in disguise.
/// </summary>
/// <remarks>Needs <c>--analyze</c>. Reported when heap fetches exceed a tenth of the rows returned.</remarks>
public sealed class IndexOnlyScanHeapFetches : PlanAnalyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9007",
        "index-only-scan-heap-fetches",
        "Keep the visibility map current for index-only scans",
        "{0} fetched {1} rows from the heap for {2} rows returned; the visibility map is stale, VACUUM the table.",
        RuleCategory.Plans,
        Severity.Info,
        description: "An index-only scan with many heap fetches is held back by a stale visibility map.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override bool NeedsAnalyze => true;

    /// <inheritdoc />
    public override void AnalyzePlan(PlanContext context)
    {
        foreach (var node in context.Plan.Nodes.Where(static n => n.NodeType == "Index Only Scan" && n.HeapFetches > 0))
        {
            var returned = node.ActualTotalRows ?? 0;
            var fetches = node.HeapFetches!.Value;
            if (fetches > returned / 10)
            {
                context.Report(Rule, node.ToString(), fetches.ToString("N0", CultureInfo.InvariantCulture), returned.ToString("N0", CultureInfo.InvariantCulture));
            }
        }
    }
}
