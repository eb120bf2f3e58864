using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Analysis.Plans;

namespace PgLint.Rules.Plans;

/// <summary>
/// PG9008: the planner costed the query with parallel workers, but at run time fewer started
/// (<c>max_parallel_workers</c> or <c>max_worker_processes</c> exhausted by other queries); the
/// leader then does the work alone and the plan is slower than the estimate promised.
/// </summary>
/// <remarks>Needs <c>--analyze</c>.</remarks>
public sealed class WorkersNotLaunched : PlanAnalyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9008",
        "workers-not-launched",
        "Make sure planned parallel workers can start",
        "{0} planned {1} parallel workers but launched {2}; the server's worker pool (max_parallel_workers) was exhausted.",
        RuleCategory.Plans,
        Severity.Info,
        description: "Fewer parallel workers were launched than the plan was costed for.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override bool NeedsAnalyze => true;

    /// <inheritdoc />
    public override void AnalyzePlan(PlanContext context)
    {
        foreach (var node in context.Plan.Nodes.Where(static n => n.WorkersPlanned is not null && n.WorkersLaunched < n.WorkersPlanned))
        {
            context.Report(Rule, node.NodeType, node.WorkersPlanned!.Value.ToString(CultureInfo.InvariantCulture), node.WorkersLaunched!.Value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
