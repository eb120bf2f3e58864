using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Indexes;

/// <summary>
/// PG4009: a btree on a column with a handful of distinct values (a flag, a status) finds a large
/// share of the table for any value, so the planner prefers a sequential scan and the index serves
/// almost nothing, while every write still maintains it. A partial index on the rare value, or a
/// composite index that leads with a selective column, usually does the job.
/// </summary>
/// <remarks>
/// Needs <c>pg_stats.n_distinct</c> of the column (the table must have been analysed). Only
/// single-column, non-unique btree indexes without a predicate on tables of at least
/// <c>minimumRows</c> rows are considered; a column whose rare value is the one queried can still be
/// worth an index (say so in a suppression).
/// </remarks>
public sealed class IndexOnLowCardinality : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG4009",
        "index-on-low-cardinality",
        "Do not index columns with very few distinct values",
        "Index {0} on {1} ({2}) covers a column with about {3} distinct values in {4} rows; the planner will rarely use it, but every write maintains it.",
        RuleCategory.Indexes,
        Severity.Info,
        description: "A btree on a column with very few distinct values is seldom selective enough to be used, yet costs every write.",
        options:
        [
            new RuleOption("maximumDistinctValues", RuleOptionKind.Integer, 5, "Columns with at most this many distinct values are low-cardinality."),
            new RuleOption("minimumRows", RuleOptionKind.Integer, 10000, "Tables with fewer rows are not reported."),
        ]);

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

        var maximum = context.Options.GetInt32(Rule, "maximumDistinctValues");
        var minimumRows = context.Options.GetInt32(Rule, "minimumRows");
        foreach (var index in context.Catalog.Indexes)
        {
            if (index.Method != "btree" || index.IsUnique || index.Predicate is not null || index.Keys is not [{ Column: { } column }])
            {
                continue;
            }

            if (statistics.FindIndex(index.Name)?.LeadingColumnDistinct is not { } nDistinct
                || statistics.FindTable(index.Table)?.Rows is not { } rows
                || rows < minimumRows)
            {
                continue;
            }

            // n_distinct below zero is minus the fraction of rows that are distinct (it grows with the table).
            var distinct = nDistinct >= 0 ? nDistinct : -nDistinct * rows;
            if (distinct <= maximum)
            {
                context.ReportAt(Rule, index.Origin, QualifiedName.Quote(index.Name.Name), index.Table.ToString(), column, Math.Round(distinct), Math.Round(rows));
            }
        }
    }
}
