using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Analysis.Plans;

namespace PgLint.Rules.Plans;

/// <summary>
/// PG9001: a sequential scan reads every page of the table and throws most rows away in its filter.
/// On a large table that is the plan's cost, and it grows with the table; an index on the filtered
/// columns (see PG9010) reads only the rows the query keeps.
/// </summary>
/// <remarks>
/// Not reported: tables below <c>minimumRows</c> (a scan of a few pages is cheaper than any index),
/// and filters that keep more than a tenth of the rows (an index would not beat the scan). Without
/// ANALYZE the planner's estimates decide; with it, the measured rows do.
/// </remarks>
public sealed class SeqScanFilteringMostRows : PlanAnalyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9001",
        "seq-scan-filtering-most-rows",
        "Avoid sequential scans that discard most of a large table",
        "Seq Scan on {0} ({1} rows) keeps {2} of its rows after filter {3}; every execution reads the whole table.",
        RuleCategory.Plans,
        Severity.Warning,
        description: "A sequential scan of a large table whose filter removes most rows reads the whole table to return a few rows.",
        options: [new RuleOption("minimumRows", RuleOptionKind.Integer, 10000, "Tables with fewer rows (pg_class.reltuples) are not reported.")]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void AnalyzePlan(PlanContext context)
    {
        var minimumRows = context.Options.GetInt32(Rule, "minimumRows");
        foreach (var (scan, workers) in PlanWalk.WithParallelWorkers(context.Plan.Plan))
        {
            if (!scan.IsSeqScan || scan.Filter is null || context.GetRelation(scan) is not { } table || table.Rows < minimumRows)
            {
                continue;
            }

            var kept = KeptFraction(scan, table, workers);
            if (kept <= 0.1)
            {
                context.Report(
                    Rule,
                    new Dictionary<string, string> { ["relation"] = $"{table.Schema}.{table.Name}", ["keptFraction"] = kept.ToString("0.####", CultureInfo.InvariantCulture) },
                    $"{table.Schema}.{table.Name}",
                    table.Rows.ToString("N0", CultureInfo.InvariantCulture),
                    kept.ToString("0.##%", CultureInfo.InvariantCulture),
                    scan.Filter);
            }
        }
    }

    private static double KeptFraction(PlanNode scan, RelationStatistics table, int workers)
    {
        if (scan.ActualRows is { } actual && scan.RowsRemovedByFilter is { } removed && actual + removed > 0)
        {
            return actual / (actual + removed);
        }

        // A parallel scan's estimate is per process; the leader and the workers together read the table.
        return Math.Min(1, scan.PlanRows * (workers + 1) / table.Rows);
    }
}
