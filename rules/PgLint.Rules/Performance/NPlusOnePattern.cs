using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Rules.Queries;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2021: an application that reads a list and then, for each row, runs one more query to fetch a
/// related row (the N+1 pattern) pays a network round trip, a parse-bind-execute and an index probe
/// per row. <c>pg_stat_statements</c> shows the trace: a single-row lookup by parameter whose call
/// count is about the number of rows another query returned, and a large multiple of that query's
/// calls. One join, or one <c>WHERE id = ANY($1)</c> with the collected keys, does the same work in
/// one round trip.
/// </summary>
/// <remarks>
/// Runs over a live database only (<c>pglint db</c>), off by default, and reads
/// <c>pg_stat_statements</c> of the current database. A lookup (a SELECT from one table with an
/// equality of a column and a <c>$n</c> parameter, returning at most one row per call on average,
/// run at least <c>minCalls</c> times) is paired with a driver (a SELECT of the same role returning
/// several rows per call) when the lookup ran at least <c>callsPerDriverCall</c> times per driver
/// call and its calls are within <c>rowMatchPercent</c> of the rows the driver returned. By default
/// the pair must also be linked by a column: the driver returns a column the lookup compares with
/// its parameter (a foreign key between them, the same name, or <c>customer_id</c> for
/// <c>customers.id</c>). Not reported: lookups with no such driver (a configuration or session
/// lookup run on every request), batched lookups (<c>= ANY($1)</c>), and statements run inside
/// functions, which <c>pg_stat_statements</c> tracks only with <c>track = all</c>.
/// </remarks>
public sealed class NPlusOnePattern : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2021",
        "n-plus-one-pattern",
        "Fetch related rows with a join or one batch, not one query per row",
        "Query \"{0}\" (queryid {1}) ran {2} times, about once per row of query \"{3}\" (queryid {4}: {5} calls, {6} rows){7}: fetch the rows with a join or in one batch with = ANY($1) instead of one query per row.",
        RuleCategory.Performance,
        Severity.Warning,
        isEnabledByDefault: false,
        description: "A single-row lookup run once per row of another query (pg_stat_statements) is an N+1 loop: one round trip per row where one join or batch would do.",
        options:
        [
            new RuleOption("minCalls", RuleOptionKind.Integer, 1000, "The fewest calls of a lookup that is reported."),
            new RuleOption("callsPerDriverCall", RuleOptionKind.Integer, 50, "The fewest lookup calls per call of the query whose rows drive it."),
            new RuleOption("rowMatchPercent", RuleOptionKind.Integer, 50, "How far, in percent of the driver's rows, the lookup's calls may be from them."),
            new RuleOption("requireColumnMatch", RuleOptionKind.Boolean, true, "Pair a lookup only with a query that returns a column the lookup's parameter is compared with."),
        ]);

    private const int ShownLength = 80;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        if (!context.IsLiveDatabase || context.Statistics is not { Statements: { IsEmpty: false } statements })
        {
            return;
        }

        var minCalls = context.Options.GetInt32(Rule, "minCalls");
        var ratio = Math.Max(1, context.Options.GetInt32(Rule, "callsPerDriverCall"));
        var tolerance = Math.Max(0, context.Options.GetInt32(Rule, "rowMatchPercent"));
        var requireColumn = context.Options.GetBoolean(Rule, "requireColumnMatch");

        var lookups = statements
            .Where(s => s.Calls >= minCalls && s.Rows <= s.Calls)
            .Select(static s => (Statement: s, Shape: WorkloadShape.Lookup(s.Query)))
            .Where(static l => l.Shape is not null)
            .ToList();
        if (lookups.Count == 0)
        {
            return;
        }

        // Parsed only when the counts pair it with a lookup.
        var drivers = statements
            .Where(static s => s.Rows > s.Calls)
            .Select(s => (Statement: s, Outputs: new Lazy<ImmutableArray<OutputColumn>?>(() => WorkloadShape.Outputs(s.Query, context.Catalog))))
            .ToList();

        foreach (var (lookup, shape) in lookups)
        {
            var pairs =
                from driver in drivers
                where driver.Statement.User == lookup.User && driver.Statement.QueryId != lookup.QueryId
                    && lookup.Calls >= (double)ratio * driver.Statement.Calls
                    && Math.Abs(lookup.Calls - driver.Statement.Rows) * 100.0 <= (double)tolerance * driver.Statement.Rows
                let outputs = driver.Outputs.Value
                where outputs is not null
                let link = WorkloadShape.Link(shape!, outputs.GetValueOrDefault(), context.Catalog)
                where link is not null || !requireColumn
                orderby link is null, Math.Abs(lookup.Calls - driver.Statement.Rows) / (double)driver.Statement.Rows, driver.Statement.QueryId
                select (Driver: driver.Statement, Link: link);
            if (pairs.FirstOrDefault() is not ({ } driving, var linked))
            {
                continue;
            }

            context.ReportAt(
                Rule,
                new LogicalLocation("query", $"pg_stat_statements:{Id(lookup.QueryId)}"),
                Shorten(lookup.Query),
                Id(lookup.QueryId),
                lookup.Calls,
                Shorten(driving.Query),
                Id(driving.QueryId),
                driving.Calls,
                driving.Rows,
                linked is null ? string.Empty : $", looking up its {linked}");
        }
    }

    private static string Id(long queryId) => queryId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The query on one line, cut to a length a message can carry.</summary>
    private static string Shorten(string query)
    {
        var line = string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= ShownLength ? line : string.Concat(line.AsSpan(0, ShownLength - 1).TrimEnd(), "…");
    }
}
