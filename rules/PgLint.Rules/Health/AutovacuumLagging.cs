using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Health;

/// <summary>
/// PG9905: dead row versions pile up until VACUUM removes them; while they stay, the table and its
/// indexes grow, scans read them, and index-only scans fall back to the heap because the visibility
/// map is stale. A table with many dead rows whose last vacuum is long past has autovacuum switched
/// off, starved (too few workers, cost limits too low for its size) or blocked by a long transaction.
/// </summary>
/// <remarks>
/// Runs over a live database only (<c>pglint db</c>) and reads <c>pg_stat_user_tables.n_dead_tup</c>, <c>last_autovacuum</c>, <c>last_vacuum</c>.
/// Reported when a table has at least <c>minimumDeadTuples</c> dead rows, they are at least
/// <c>minimumDeadPercent</c> of its rows, and no vacuum (automatic or manual) ran in the last
/// <c>maximumHoursSinceVacuum</c> hours. A table that was never vacuumed counts as long ago, so a bulk
/// delete in the last minutes, before autovacuum's next round, is reported too.
/// </remarks>
public sealed class AutovacuumLagging : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9905",
        "autovacuum-lagging",
        "Let autovacuum keep up with dead rows",
        "Table {0} has {1:N0} dead rows ({2}% of its rows) and {3}; they bloat the table and its indexes until VACUUM removes them.",
        RuleCategory.Health,
        Severity.Info,
        description: "Many dead rows and no recent vacuum mean autovacuum is off, starved or blocked on the table.",
        options:
        [
            new RuleOption("minimumDeadTuples", RuleOptionKind.Integer, 10000, "Dead rows below this count are not reported."),
            new RuleOption("minimumDeadPercent", RuleOptionKind.Integer, 20, "Dead rows below this share of the table's rows are not reported."),
            new RuleOption("maximumHoursSinceVacuum", RuleOptionKind.Integer, 24, "A vacuum within this many hours counts as keeping up."),
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

        var minimumDead = context.Options.GetInt32(Rule, "minimumDeadTuples");
        var minimumPercent = context.Options.GetInt32(Rule, "minimumDeadPercent");
        var maximumAge = TimeSpan.FromHours(context.Options.GetInt32(Rule, "maximumHoursSinceVacuum"));
        var now = statistics.CollectedAt ?? DateTimeOffset.UtcNow;
        foreach (var table in statistics.Tables)
        {
            if (table.DeadTuples is not { } dead || dead < minimumDead)
            {
                continue;
            }

            var percent = dead * 100.0 / Math.Max(1, dead + (table.LiveTuples ?? 0));
            DateTimeOffset? last = (table.LastAutovacuum, table.LastVacuum) switch
            {
                ({ } a, { } m) => a > m ? a : m,
                (var a, var m) => a ?? m,
            };
            if (percent < minimumPercent || (last is { } when && now - when <= maximumAge))
            {
                continue;
            }

            var lastText = last is { } at ? $"was last vacuumed on {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "has never been vacuumed";
            context.ReportAt(Rule, LogicalLocation.Of("table", table.QualifiedName), table.QualifiedName.ToString(), dead, Math.Round(percent), lastText);
        }
    }
}
