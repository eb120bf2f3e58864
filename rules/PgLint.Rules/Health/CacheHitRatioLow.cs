using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Health;

/// <summary>
/// PG9904: a database whose working set does not fit in <c>shared_buffers</c> reads blocks from the
/// kernel (or the disk) instead of finding them in the cache. For an OLTP workload more than 5% of
/// table blocks, or 1% of index blocks, read rather than hit usually means too little memory or scans
/// that should be index lookups.
/// </summary>
/// <remarks>
/// Runs over a live database only (<c>pglint db</c>) and reads <c>pg_statio_user_tables</c> (summed over the database since the statistics were
/// reset). A read may still be served by the operating system's cache, so this is a hint, not a
/// measurement of disk I/O. Not reported until the database has seen <c>minimumBlockAccesses</c>
/// block accesses of that kind: a freshly started or quiet database says nothing yet.
/// </remarks>
public sealed class CacheHitRatioLow : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9904",
        "cache-hit-ratio-low",
        "Keep the working set in the buffer cache",
        "Database {0}: the {1} cache hit ratio is {2}% over {3:N0} block accesses (below {4}%); queries wait on reads that the cache should serve.",
        RuleCategory.Health,
        Severity.Info,
        description: "A low buffer cache hit ratio means queries read blocks from outside shared_buffers.",
        options:
        [
            new RuleOption("minimumHeapHitPercent", RuleOptionKind.Integer, 95, "The lowest acceptable share of table blocks found in the cache."),
            new RuleOption("minimumIndexHitPercent", RuleOptionKind.Integer, 99, "The lowest acceptable share of index blocks found in the cache."),
            new RuleOption("minimumBlockAccesses", RuleOptionKind.Integer, 1_000_000, "Block accesses (hits and reads) needed before a ratio is judged."),
        ]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        if (!context.IsLiveDatabase || context.Statistics is not { Cache: { } cache } statistics)
        {
            return;
        }

        var minimumAccesses = context.Options.GetInt32(Rule, "minimumBlockAccesses");
        var database = statistics.Database ?? context.Name;
        Check("table", cache.HeapBlocksHit, cache.HeapBlocksRead, context.Options.GetInt32(Rule, "minimumHeapHitPercent"));
        Check("index", cache.IndexBlocksHit, cache.IndexBlocksRead, context.Options.GetInt32(Rule, "minimumIndexHitPercent"));

        void Check(string kind, long hits, long reads, int minimumPercent)
        {
            var accesses = hits + reads;
            if (accesses < minimumAccesses || accesses == 0)
            {
                return;
            }

            var percent = hits * 100.0 / accesses;
            if (percent < minimumPercent)
            {
                context.ReportAt(Rule, LogicalLocation.OfDatabase(database), database, kind, Math.Floor(percent * 10) / 10, accesses, minimumPercent);
            }
        }
    }
}
