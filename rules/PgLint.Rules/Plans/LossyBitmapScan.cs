using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Analysis.Plans;

namespace PgLint.Rules.Plans;

/// <summary>
/// PG9006: when a bitmap does not fit in <c>work_mem</c> it remembers whole pages instead of rows
/// (lossy blocks), and the heap scan must recheck every row of those pages against the condition.
/// </summary>
/// <remarks>Needs <c>--analyze</c>. Exact bitmaps are not reported.</remarks>
public sealed class LossyBitmapScan : PlanAnalyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9006",
        "lossy-bitmap-scan",
        "Keep bitmap heap scans exact",
        "{0} turned lossy for {1} heap blocks (work_mem too small for the bitmap); every row of those blocks was rechecked.",
        RuleCategory.Plans,
        Severity.Info,
        description: "A bitmap heap scan with lossy blocks rechecks every row of those pages.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override bool NeedsAnalyze => true;

    /// <inheritdoc />
    public override void AnalyzePlan(PlanContext context)
    {
        foreach (var node in context.Plan.Nodes.Where(static n => n.LossyHeapBlocks > 0))
        {
            context.Report(Rule, node.ToString(), node.LossyHeapBlocks!.Value.ToString("N0", CultureInfo.InvariantCulture));
        }
    }
}
