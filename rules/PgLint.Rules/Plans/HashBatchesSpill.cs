using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Analysis.Plans;

namespace PgLint.Rules.Plans;

/// <summary>
/// PG9005: a hash table larger than <c>work_mem</c> × <c>hash_mem_multiplier</c> is split into
/// batches written to temporary files; each batch is read back later, so the join or aggregate
/// does its work at disk speed.
/// </summary>
/// <remarks>Needs <c>--analyze</c>. A single in-memory batch is not reported.</remarks>
public sealed class HashBatchesSpill : PlanAnalyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9005",
        "hash-batches-spill",
        "Keep hash tables in memory",
        "{0} used {1} batches ({2} kB on disk) because its hash table did not fit in memory; raise work_mem or hash_mem_multiplier for this query.",
        RuleCategory.Plans,
        Severity.Info,
        description: "A Hash or HashAggregate node that needed more than one batch spilled to temporary files.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override bool NeedsAnalyze => true;

    /// <inheritdoc />
    public override void AnalyzePlan(PlanContext context)
    {
        foreach (var node in context.Plan.Nodes)
        {
            var batches = node.HashBatches ?? node.HashAggBatches ?? 0;
            if (batches > 1 || node.DiskUsage > 0)
            {
                context.Report(Rule, node.ToString(), batches.ToString(CultureInfo.InvariantCulture), (node.DiskUsage ?? 0).ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
