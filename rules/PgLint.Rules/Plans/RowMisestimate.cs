using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Analysis.Plans;

namespace PgLint.Rules.Plans;

/// <summary>
/// PG9003: the planner chooses join orders, join methods and memory from its row estimates; an
/// estimate off by more than ten times (correlated columns, stale statistics, functions it cannot
/// see into) is the usual root of a bad plan. Fresh <c>ANALYZE</c>, a higher statistics target or
/// extended statistics (<c>CREATE STATISTICS</c>) tell it better.
/// </summary>
/// <remarks>
/// Needs <c>--analyze</c>. Reported once per query, at its worst node; nodes that never ran, nodes
/// below a <c>Limit</c> (stopped early, so their actual rows are cut short), and nodes where both
/// numbers are below <c>minimumRows</c>, are not considered (small numbers are noise).
/// </remarks>
public sealed class RowMisestimate : PlanAnalyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9003",
        "row-misestimate",
        "Give the planner row estimates within ten times of the actual rows",
        "{0} was estimated at {1} rows but produced {2} ({3}× off); plans built on this estimate can be far from the best one.",
        RuleCategory.Plans,
        Severity.Warning,
        description: "Actual rows differ from the planner's estimate by more than ten times, so the plan rests on a wrong premise.",
        options: [new RuleOption("minimumRows", RuleOptionKind.Integer, 1000, "Nodes where both the estimate and the actual rows are below this are not reported.")]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override bool NeedsAnalyze => true;

    /// <inheritdoc />
    public override void AnalyzePlan(PlanContext context)
    {
        var minimumRows = context.Options.GetInt32(Rule, "minimumRows");
        var worst = PlanWalk.RunToCompletion(context.Plan.Plan)
            .Where(static n => n.ActualRows is not null && n.ActualLoops is > 0)
            .Select(static n => (Node: n, Estimated: n.PlanRows, Actual: n.ActualRows!.Value))
            .Where(x => Math.Max(x.Estimated, x.Actual) >= minimumRows)
            .Select(static x => (x.Node, x.Estimated, x.Actual, Ratio: Math.Max(x.Estimated, x.Actual) / Math.Max(1, Math.Min(x.Estimated, x.Actual))))
            .Where(static x => x.Ratio > 10)
            .OrderByDescending(static x => x.Ratio)
            .FirstOrDefault();
        if (worst.Node is null)
        {
            return;
        }

        context.Report(
            Rule,
            new Dictionary<string, string> { ["estimatedRows"] = worst.Estimated.ToString(CultureInfo.InvariantCulture), ["actualRows"] = worst.Actual.ToString(CultureInfo.InvariantCulture) },
            worst.Node.ToString(),
            worst.Estimated.ToString("N0", CultureInfo.InvariantCulture),
            worst.Actual.ToString("N0", CultureInfo.InvariantCulture),
            worst.Ratio.ToString("0", CultureInfo.InvariantCulture));
    }
}
