using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Analysis.Plans;

namespace PgLint.Rules.Plans;

/// <summary>
/// PG9004: a nested loop runs its inner side once per outer row; when the inner side is a
/// sequential scan, the table is read from start to end a thousand times or more. A hash join, or
/// an index on the join column, does the same work in one pass.
/// </summary>
/// <remarks>
/// With <c>--analyze</c> the inner side's measured loops decide, otherwise the outer side's estimated
/// rows. A Materialize node over the scan counts as the scan: it saves the reads, not the comparison of
/// every outer row with every inner row. Inner sides that are index scans are not reported.
/// </remarks>
public sealed class NestedLoopLargeOuter : PlanAnalyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9004",
        "nested-loop-large-outer",
        "Avoid nested loops that rescan a table for each of many outer rows",
        "Nested Loop scans {0} {1} times (once per outer row); index the join column or let the planner hash the join.",
        RuleCategory.Plans,
        Severity.Warning,
        description: "A nested loop over more than 1000 outer rows whose inner side is a sequential scan reads that table once per row.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void AnalyzePlan(PlanContext context)
    {
        foreach (var loop in context.Plan.Nodes.Where(static n => n.NodeType == "Nested Loop" && n.Plans.Length == 2))
        {
            var outer = loop.Plans[0];
            var inner = loop.Plans[1];
            var scan = inner.NodeType == "Materialize" && inner.Plans.Length == 1 ? inner.Plans[0] : inner;
            if (!scan.IsSeqScan)
            {
                continue;
            }

            var loops = inner.ActualLoops ?? outer.PlanRows;
            if (loops > 1000)
            {
                context.Report(Rule, scan.QualifiedRelationName, loops.ToString("N0", CultureInfo.InvariantCulture));
            }
        }
    }
}
