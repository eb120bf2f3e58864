using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Analysis.Plans;

namespace PgLint.Rules.Plans;

/// <summary>
/// PG9002: a sort that does not fit in <c>work_mem</c> writes runs to temporary files and merges
/// them (<c>Sort Method: external merge</c>); the query then waits on disk instead of memory, and
/// temporary-file I/O competes with everything else on the server.
/// </summary>
/// <remarks>Needs <c>--analyze</c>: only an executed sort says how it ran. In-memory sorts are not reported.</remarks>
public sealed class SortSpillsToDisk : PlanAnalyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9002",
        "sort-spills-to-disk",
        "Keep sorts in memory",
        "Sort ({0}) wrote {1} kB to temporary files because it did not fit in work_mem; raise work_mem for this query, or let an index deliver the order.",
        RuleCategory.Plans,
        Severity.Warning,
        description: "A sort that exceeds work_mem spills to temporary files (external merge) and runs at disk speed.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override bool NeedsAnalyze => true;

    /// <inheritdoc />
    public override void AnalyzePlan(PlanContext context)
    {
        foreach (var sort in context.Plan.Nodes)
        {
            if (sort.SortMethod is { } method
                && (method.StartsWith("external", StringComparison.Ordinal) || sort.SortSpaceType == "Disk"))
            {
                context.Report(Rule, method, (sort.SortSpaceUsed ?? 0).ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
