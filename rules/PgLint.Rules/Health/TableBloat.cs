using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Health;

/// <summary>
/// PG9902: an <c>UPDATE</c> or <c>DELETE</c> leaves dead row versions; <c>VACUUM</c> makes their space
/// reusable but does not give it back, so a table that once held far more rows (or was updated in
/// bulk) keeps pages that are mostly empty. Sequential scans read them all, and they crowd the cache.
/// </summary>
/// <remarks>
/// The estimate compares the heap's size (<c>pg_relation_size</c>) with the pages its live rows need:
/// <c>reltuples</c> rows of the average width <c>pg_stats</c> gives (plus the 24-byte row header and
/// 4-byte line pointer, 8-byte aligned), at the table's fillfactor, on 8 kB pages with a 24-byte
/// header. It needs an analysed table and ignores TOAST and alignment padding between columns, so it
/// errs low for wide rows. Tables below <c>minimumPages</c> are not reported.
/// </remarks>
public sealed class TableBloat : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9902",
        "table-bloat",
        "Reclaim space in bloated tables",
        "Table {0} is about {1}% empty space ({2} of {3} would hold its {4} rows); scans read every empty page, and only a rewrite (pg_repack, VACUUM FULL) returns the space.",
        RuleCategory.Health,
        Severity.Info,
        description: "A table whose heap is much larger than its live rows need wastes disk, cache and scan time.",
        options:
        [
            new RuleOption("thresholdPercent", RuleOptionKind.Integer, 20, "The estimated share of empty space above which a table is reported."),
            new RuleOption("minimumPages", RuleOptionKind.Integer, 128, "Tables with fewer 8 kB pages (1 MB by default) are not reported."),
        ]);

    private const int PageSize = 8192;
    private const int PageHeader = 24;
    private const int RowHeader = 24;
    private const int LinePointer = 4;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    /// <summary>The share (0–1) of the heap not needed by its live rows, or null when the statistics cannot tell.</summary>
    internal static double? EstimateBloat(TableStatistics table)
    {
        if (table.Rows is not { } rows || table.AverageRowWidth is not { } width || table.TableBytes <= 0)
        {
            return null;
        }

        var rowBytes = (((RowHeader + width) + 7) / 8 * 8) + LinePointer;
        var usable = (PageSize - PageHeader) * Math.Clamp(table.FillFactor, 10, 100) / 100.0;
        var rowsPerPage = Math.Max(1, Math.Floor(usable / rowBytes));
        var neededPages = Math.Ceiling(rows / rowsPerPage);
        var actualPages = (double)table.TableBytes / PageSize;
        return Math.Max(0, 1 - (neededPages / actualPages));
    }

    private static void Analyze(MigrationSetContext context)
    {
        if (!context.IsLiveDatabase || context.Statistics is not { } statistics)
        {
            return;
        }

        var threshold = context.Options.GetInt32(Rule, "thresholdPercent");
        var minimumPages = context.Options.GetInt32(Rule, "minimumPages");
        foreach (var table in statistics.Tables)
        {
            if (table.TableBytes < (long)minimumPages * PageSize || EstimateBloat(table) is not { } bloat || bloat * 100 <= threshold)
            {
                continue;
            }

            var needed = (long)Math.Round(table.TableBytes * (1 - bloat));
            context.ReportAt(Rule, LogicalLocation.Of("table", table.QualifiedName), table.QualifiedName.ToString(), Math.Round(bloat * 100), Sizes.Format(needed), Sizes.Format(table.TableBytes), Math.Round(table.Rows ?? 0));
        }
    }
}
