using System.Text.Json.Nodes;
using FluentAssertions;
using Npgsql;
using NUnit.Framework;
using PgLint.Tests.Shared;

namespace PgLint.Cli.Tests.Live;

/// <summary>
/// <c>pglint explain</c> against the real PostgreSQL 15: a table of 200,000 analysed rows whose
/// <c>customer_id</c> filter keeps 0.1% of them is the Seq Scan the plan rules are about.
/// </summary>
[NonParallelizable]
public sealed class ExplainCommandTests
{
    private TestDatabase _database = null!;
    private TempFolder _folder = null!;

    [OneTimeSetUp]
    public void CreateOrders()
    {
        _database = TestPostgres.CreateDatabase("explain");
        _folder = new TempFolder();
        using var connection = _database.Open();
        Execute(
            connection,
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL, note text NOT NULL);
            INSERT INTO orders SELECT g, g % 1000, CASE WHEN g % 10 = 0 THEN 'open' ELSE 'closed' END, md5(g::text) FROM generate_series(1, 200000) g;
            CREATE TABLE readings (id int PRIMARY KEY, sensor int NOT NULL, site int NOT NULL);
            INSERT INTO readings SELECT g, g % 100, g % 100 FROM generate_series(1, 200000) g;
            ANALYZE orders;
            ANALYZE readings;
            """);
    }

    [OneTimeTearDown]
    public void DropOrders()
    {
        _database.Dispose();
        _folder.Dispose();
    }

    [Test]
    public void Seq_scan_filtering_most_rows_is_reported_at_the_query_line_and_column()
    {
        _folder.Write("seq.sql", "-- the customer's orders\nSELECT 1;\n\n  SELECT id, status\n  FROM orders WHERE customer_id = 42;\n");

        var run = Explain("seq.sql", "--format", "json");

        run.ExitCode.Should().Be(1, run.Error);
        var diagnostic = Diagnostics(run).Should().ContainSingle().Subject;
        ((string?)diagnostic["ruleId"]).Should().Be("PG9001");
        ((int?)diagnostic["line"]).Should().Be(4);
        ((int?)diagnostic["column"]).Should().Be(3);
        ((string?)diagnostic["message"]).Should().Contain("public.orders").And.Contain("200,000 rows").And.Contain("customer_id = 42");
    }

    [Test]
    public void Primary_key_lookup_and_filters_keeping_most_rows_are_not_reported()
    {
        _folder.Write("fine.sql", "SELECT * FROM orders WHERE id = 42;\nSELECT count(*) FROM orders WHERE status = 'closed';\n");

        var run = Explain("fine.sql", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        Diagnostics(run).Should().BeEmpty();
        run.Error.Should().Contain("2 queries planned");
    }

    [Test]
    public void Query_with_parameters_gets_a_generic_plan()
    {
        _folder.Write("generic.sql", "SELECT * FROM orders WHERE customer_id = $1 AND status = $2;\n");

        var run = Explain("generic.sql", "--format", "json");

        run.Error.Should().NotContain("not planned");
        Diagnostics(run).Select(static d => (string?)d["ruleId"]).Should().Equal("PG9001");
    }

    [Test]
    public void Hypothetical_index_is_proposed_with_its_cost_and_the_extension_is_not_left_behind()
    {
        _folder.Write("hypo.sql", "SELECT * FROM orders WHERE customer_id = 42;\n");

        var run = Explain("hypo.sql", "--hypopg", "--format", "sarif");

        var result = Results(run).Single(static r => (string?)r["ruleId"] == "PG9010");
        var properties = result["properties"]!;
        ((string?)properties["createIndex"]).Should().Be("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON public.orders (customer_id);");
        var before = double.Parse((string)properties["costBefore"]!, System.Globalization.CultureInfo.InvariantCulture);
        var after = double.Parse((string)properties["costAfter"]!, System.Globalization.CultureInfo.InvariantCulture);
        after.Should().BeLessThanOrEqualTo(before / 2, "the finding is the proof that the index halves the estimated cost");
        Scalar("SELECT count(*) FROM pg_extension WHERE extname = 'hypopg'").Should().Be(0L, "CREATE EXTENSION ran inside the rolled-back transaction");
        Scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'orders'").Should().Be(1L, "only the primary key exists: nothing was built");
    }

    [Test]
    public void Without_hypopg_in_the_database_PG9010_is_skipped_and_the_run_says_why()
    {
        _folder.Write("nohypo.sql", "SELECT * FROM orders WHERE customer_id = 42;\n");

        var run = Explain("nohypo.sql", "--format", "sarif");

        Results(run).Select(static r => (string?)r["ruleId"]).Should().Equal("PG9001");
        var notifications = Sarif(run)["runs"]![0]!["invocations"]![0]!["toolExecutionNotifications"]!.AsArray()
            .Select(static n => (string?)n!["message"]!["text"]).ToList();
        notifications.Should().Contain(n => n!.StartsWith("PG9010 (index-would-help) skipped: the hypopg extension is not installed in database", StringComparison.Ordinal));

        var text = Explain("nohypo.sql");
        text.Output.Should().Contain("note: PG9010 (index-would-help) skipped: the hypopg extension is not installed");
    }

    [Test]
    public void Suppression_comment_silences_a_plan_finding_and_check_does_not_call_it_unused()
    {
        _folder.Write("suppressed.sql", "-- pglint-disable-next-line PG9001 -- nightly report, a full scan is fine\nSELECT * FROM orders WHERE customer_id = 42;\n");

        var explain = Explain("suppressed.sql", "--format", "json");
        var check = CliRun.Start(_folder.Path, null, "check", "suppressed.sql", "--format", "json");

        var diagnostic = Diagnostics(explain).Should().ContainSingle().Subject;
        ((string?)diagnostic["ruleId"]).Should().Be("PG9001");
        ((bool?)diagnostic["suppressed"]).Should().BeTrue();
        explain.ExitCode.Should().Be(0);
        Diagnostics(check).Select(static d => (string?)d["ruleId"]).Should().NotContain("PG0003");
    }

    [Test]
    public void Sort_that_exceeds_work_mem_is_reported_with_analyze_only()
    {
        _folder.Write("sort.sql", "SET work_mem = '64kB';\nSELECT * FROM orders ORDER BY note;\n");

        var analyzed = Explain("sort.sql", "--analyze", "--format", "json");
        var estimated = Explain("sort.sql", "--format", "json");

        var diagnostic = Diagnostics(analyzed).Single(static d => (string?)d["ruleId"] == "PG9002");
        ((string?)diagnostic["message"]).Should().Contain("external");
        ((int?)diagnostic["line"]).Should().Be(2);
        Diagnostics(estimated).Should().NotContain(static d => (string?)d["ruleId"] == "PG9002");
        estimated.Error.Should().Contain("PG9002 (sort-spills-to-disk)").And.Contain("run with --analyze");
    }

    [Test]
    public void Correlated_columns_make_a_row_misestimate()
    {
        // sensor and site always agree, so the planner's independence assumption estimates 1/100 of the real rows.
        _folder.Write("correlated.sql", "SELECT * FROM readings WHERE sensor = 7 AND site = 7;\n");

        var run = Explain("correlated.sql", "--analyze", "--format", "json");

        var diagnostic = Diagnostics(run).Single(static d => (string?)d["ruleId"] == "PG9003");
        ((string?)diagnostic["properties"]!["actualRows"]).Should().Be("2000");
        double.Parse((string)diagnostic["properties"]!["estimatedRows"]!, System.Globalization.CultureInfo.InvariantCulture).Should().BeLessThan(200);
    }

    [Test]
    public void Analyze_of_a_data_changing_statement_is_rolled_back()
    {
        _folder.Write("delete.sql", "DELETE FROM orders WHERE id <= 1000;\nUPDATE orders SET status = 'gone';\n");

        var run = Explain("delete.sql", "--analyze", "--format", "json");

        run.Error.Should().Contain("2 queries planned");
        Scalar("SELECT count(*) FROM orders").Should().Be(200000L);
        Scalar("SELECT count(*) FROM orders WHERE status = 'gone'").Should().Be(0L);
    }

    [Test]
    public void Without_analyze_a_data_changing_statement_is_planned_and_never_run()
    {
        using (var connection = _database.Open())
        {
            Execute(connection, "CREATE SEQUENCE IF NOT EXISTS ticket_seq");
        }

        _folder.Write("change.sql", "DELETE FROM orders WHERE id <= 1000;\nUPDATE orders SET status = 'gone';\nINSERT INTO orders SELECT id + 1000000, customer_id, status, note FROM orders;\nSELECT nextval('ticket_seq');\n");

        var run = Explain("change.sql", "--format", "json");

        run.Error.Should().Contain("4 queries planned").And.NotContain("not planned");
        Scalar("SELECT count(*) FROM orders").Should().Be(200000L);
        Scalar("SELECT count(*) FROM orders WHERE status = 'gone'").Should().Be(0L);
        Scalar("SELECT CASE WHEN is_called THEN 1 ELSE 0 END FROM ticket_seq").Should().Be(0L, "a sequence is not transactional: had nextval run, the rollback would not undo it");
    }

    [Test]
    public void Statement_timeout_cancels_a_long_query_with_a_note_and_the_run_goes_on()
    {
        _folder.Write("slow.sql", "SELECT pg_sleep(60);\nSELECT * FROM orders WHERE customer_id = 42;\n");

        var run = Explain("slow.sql", "--analyze", "--statement-timeout", "1", "--no-color");

        run.ExitCode.Should().Be(ExitCodes.Findings, run.Error);
        run.Output.Should().Contain("note: slow.sql:1:1: not planned: canceling statement due to statement timeout.");
        run.Output.Should().Contain("slow.sql:2:1: warning[PG9001 seq-scan-filtering-most-rows]");
        run.Output.Should().Contain("1 query planned");
    }

    [Test]
    public void Runs_leave_no_session_extension_or_prepared_statement_behind()
    {
        _folder.Write("leftovers.sql", "SELECT * FROM orders WHERE customer_id = $1;\nSELECT * FROM orders WHERE customer_id = 42;\nSELECT * FROM no_such_table;\n");

        Explain("leftovers.sql", "--hypopg").ExitCode.Should().Be(ExitCodes.Findings);
        Explain("leftovers.sql", "--analyze").ExitCode.Should().Be(ExitCodes.Findings);
        CliRun.Start(_folder.Path, null, "db", "--connection", _database.ConnectionString, "--queries", "5").ExitCode.Should().BeOneOf(ExitCodes.Success, ExitCodes.Findings);

        using var connection = _database.Open();
        Execute(
            connection,
            """
            DO $$
            BEGIN
                -- A backend ends shortly after its client disconnects.
                FOR i IN 1..200 LOOP
                    EXIT WHEN NOT EXISTS (SELECT FROM pg_stat_activity WHERE application_name = 'pglint' AND datname = current_database());
                    PERFORM pg_sleep(0.05);
                END LOOP;
            END $$
            """);
        Scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pglint' AND datname = current_database()").Should().Be(0L);
        Scalar("SELECT count(*) FROM pg_extension WHERE extname = 'hypopg'").Should().Be(0L);
        Scalar("SELECT count(*) FROM pg_prepared_xacts").Should().Be(0L);
    }

    [Test]
    public void A_query_the_server_rejects_is_a_note_and_the_others_are_still_planned()
    {
        _folder.Write("missing.sql", "SELECT * FROM no_such_table;\nSELECT * FROM orders WHERE customer_id = 42;\n");

        var run = Explain("missing.sql");

        run.Output.Should().Contain("note: missing.sql:1:1: not planned: relation \"no_such_table\" does not exist.");
        run.Output.Should().Contain("missing.sql:2:1: warning[PG9001 seq-scan-filtering-most-rows]");
    }

    [Test]
    public void Connection_failure_is_one_line_with_host_and_port_without_the_password()
    {
        _folder.Write("any.sql", "SELECT 1;\n");

        var run = CliRun.Start(_folder.Path, null, "explain", "--connection", "Host=127.0.0.1;Port=1;Username=nobody;Password=hunter2-secret;Timeout=5", "any.sql");

        run.ExitCode.Should().Be(2);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should().StartWith("pglint: cannot connect to 127.0.0.1:1: ");
        (run.Output + run.Error).Should().NotContain("hunter2-secret");
    }

    [Test]
    public void Top_statements_from_pg_stat_statements_are_planned_as_generic_plans()
    {
        using var database = TestPostgres.CreateDatabase("workload");
        using (var connection = database.Open())
        {
            Execute(
                connection,
                """
                CREATE EXTENSION pg_stat_statements;
                CREATE TABLE events (id bigint PRIMARY KEY, kind int NOT NULL);
                INSERT INTO events SELECT g, g % 500 FROM generate_series(1, 100000) g;
                ANALYZE events;
                SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0);
                """);
            for (var i = 0; i < 5; i++)
            {
                Execute(connection, $"SELECT count(*) FROM events WHERE kind = {i}");
            }
        }

        var run = CliRun.Start(_folder.Path, null, "explain", "--connection", database.ConnectionString, "--from-stat-statements", "3", "--format", "json");

        var diagnostic = Diagnostics(run).Single(static d => (string?)d["ruleId"] == "PG9001");
        ((string?)diagnostic["path"]).Should().Be("pg_stat_statements.sql");
        ((string?)diagnostic["message"]).Should().Contain("public.events").And.Contain("$1");
    }

    [Test]
    public void Without_pg_stat_statements_in_the_database_the_workload_is_skipped_with_the_reason()
    {
        var run = CliRun.Start(_folder.Path, null, "explain", "--connection", _database.ConnectionString, "--from-stat-statements", "3");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain($"note: --from-stat-statements skipped: the pg_stat_statements extension is not installed in database \"{_database.Name}\"");
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static JsonNode Sarif(CliRun run) => JsonNode.Parse(run.Output) ?? throw new AssertionException(run.Error);

    private static List<JsonNode> Results(CliRun run) => [.. Sarif(run)["runs"]![0]!["results"]!.AsArray().OfType<JsonNode>()];

    private static List<JsonNode> Diagnostics(CliRun run) =>
        [.. (JsonNode.Parse(run.Output) ?? throw new AssertionException(run.Error))["diagnostics"]!.AsArray().OfType<JsonNode>()];

    private CliRun Explain(params string[] args) =>
        CliRun.Start(_folder.Path, null, ["explain", "--connection", _database.ConnectionString, .. args]);

    private long Scalar(string sql)
    {
        using var connection = _database.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
