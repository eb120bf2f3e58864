using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Analysis.Plans;

namespace PgLint.Rules.Plans;

/// <summary>
/// PG9009: JIT compilation pays off on long analytical queries; the planner turns it on by cost
/// (<c>jit_above_cost</c>), and an overestimated cheap query can spend more time compiling than
/// executing.
/// </summary>
/// <remarks>Needs <c>--analyze</c>. Reported when JIT time is above 10% of the execution time.</remarks>
public sealed class JitOverhead : PlanAnalyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9009",
        "jit-overhead",
        "Do not let JIT compilation dominate a query's run time",
        "JIT compilation took {0} ms of {1} ms execution ({2}); raise jit_above_cost or turn jit off for this query.",
        RuleCategory.Plans,
        Severity.Info,
        description: "JIT compilation took more than 10% of the query's execution time.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override bool NeedsAnalyze => true;

    /// <inheritdoc />
    public override void AnalyzePlan(PlanContext context)
    {
        if (context.Plan.Jit?.Timing is { } timing && context.Plan.ExecutionTime is { } execution && execution > 0 && timing.Total > execution / 10)
        {
            context.Report(
                Rule,
                timing.Total.ToString("0.###", CultureInfo.InvariantCulture),
                execution.ToString("0.###", CultureInfo.InvariantCulture),
                (timing.Total / execution).ToString("0%", CultureInfo.InvariantCulture));
        }
    }
}
