using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Indexes;

/// <summary>
/// PG4006: an index no query has scanned since the statistics were reset still costs every write
/// that touches its columns (and every non-HOT update), WAL, disk, buffer cache and VACUUM time.
/// <c>pg_stat_user_indexes.idx_scan</c> counts every scan, bitmap scans included.
/// </summary>
/// <remarks>
/// Runs over a live database only (<c>pglint db</c>): in <c>check --stats</c> the migration's indexes may
/// not be deployed yet. Not reported: unique and primary key
/// indexes and indexes backing a constraint (they enforce something even when never scanned), invalid
/// indexes (PG4007), and indexes the statistics do not know. Statistics are per server: an index only a
/// replica's queries use shows zero scans on the primary.
/// </remarks>
public sealed class UnusedIndex : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG4006",
        "unused-index",
        "Drop indexes that no query uses",
        "Index {0} on {1} ({3}) has not been scanned since {2}; every write to {1} maintains it for nothing.",
        RuleCategory.Indexes,
        Severity.Info,
        description: "An index with zero scans since the statistics reset costs writes, WAL, disk and cache without serving any query.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        if (!context.IsLiveDatabase || context.Statistics is not { } statistics)
        {
            return;
        }

        var since = statistics.StatisticsReset is { } reset ? $"the statistics reset on {reset.UtcDateTime:yyyy-MM-dd}" : "the database's statistics began";
        foreach (var index in context.Catalog.Indexes)
        {
            if (index.IsUnique || index.IsPrimary || index.Constraint is not null || !index.IsValid)
            {
                continue;
            }

            if (statistics.FindIndex(index.Name) is { Scans: 0 } used)
            {
                context.ReportAt(Rule, index.Origin, QualifiedName.Quote(index.Name.Name), index.Table.ToString(), since, Sizes.Format(used.Bytes));
            }
        }
    }
}
