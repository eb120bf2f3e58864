using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using Npgsql;
using NUnit.Framework;
using PgLint.Syntax;
using PgLint.Tests.Shared;

namespace PgLint.Cli.Tests;

/// <summary><c>pglint db</c> against scratch databases of the test server: one with a planted problem for each live rule, one without.</summary>
public sealed class DbCommandTests
{
    /// <summary>One object per problem; the comments say which rule must report it.</summary>
    private const string Planted = """
        CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
        INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 100) g;
        -- PG3016 and PG4001: an integer key to a bigint, without an index.
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), note text);
        -- PG4002: the same key as customers_pkey.
        CREATE UNIQUE INDEX customers_id_idx ON customers (id);
        -- PG4006: never scanned.
        CREATE INDEX orders_note_idx ON orders (note);
        -- PG3008
        CREATE TABLE audit_log (happened_at timestamptz NOT NULL, entry text NOT NULL);
        -- PG5006
        CREATE TABLE secrets (id bigint PRIMARY KEY, owner text NOT NULL);
        ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
        -- PG5007
        CREATE POLICY customers_read ON customers USING (true);
        -- PG4007: the concurrent build fails on the duplicate.
        CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
        INSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com');
        CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
        -- PG9901
        CREATE SEQUENCE invoice_number_seq AS integer;
        SELECT setval('invoice_number_seq', 2000000000);
        -- PG4009
        CREATE TABLE accounts (id bigint PRIMARY KEY, active boolean NOT NULL);
        INSERT INTO accounts SELECT g, g % 2 = 0 FROM generate_series(1, 20000) g;
        CREATE INDEX accounts_active_idx ON accounts (active);
        -- PG9902: VACUUM removes the dead rows but keeps the pages.
        CREATE TABLE events (id bigint PRIMARY KEY, payload text NOT NULL) WITH (autovacuum_enabled = false);
        INSERT INTO events SELECT g, repeat('x', 100) FROM generate_series(1, 50000) g;
        DELETE FROM events WHERE id % 10 <> 0;
        VACUUM events;
        ANALYZE;
        SET enable_seqscan = off;
        SELECT count(*) FROM accounts WHERE active;
        """;

    /// <summary>The same kinds of objects, done right; the indexes are used.</summary>
    private const string Clean = """
        CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
        INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 100) g;
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), note text);
        CREATE INDEX orders_customer_id_idx ON orders (customer_id);
        CREATE TABLE secrets (id bigint PRIMARY KEY, owner text NOT NULL);
        ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
        CREATE POLICY secrets_owner ON secrets USING (owner = current_user);
        CREATE INDEX secrets_owner_idx ON secrets (owner);
        CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
        INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com');
        CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
        CREATE SEQUENCE invoice_number_seq AS bigint;
        SELECT setval('invoice_number_seq', 2000000000);
        CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);
        INSERT INTO accounts SELECT g, 'user' || g FROM generate_series(1, 20000) g;
        CREATE INDEX accounts_email_idx ON accounts (email);
        CREATE TABLE events (id bigint PRIMARY KEY, payload text NOT NULL) WITH (autovacuum_enabled = false);
        INSERT INTO events SELECT g * 10, repeat('x', 100) FROM generate_series(1, 5000) g;
        ANALYZE;
        SET enable_seqscan = off;
        SELECT count(*) FROM orders WHERE customer_id = 1;
        SELECT count(*) FROM accounts WHERE email = 'user1';
        SELECT count(*) FROM secrets WHERE owner = 'alice';
        """;

    private TestDatabase _planted = null!;
    private TestDatabase _clean = null!;
    private TempFolder _temp = null!;

    [OneTimeSetUp]
    public void Seed()
    {
        _temp = new TempFolder();
        _planted = TestPostgres.CreateDatabase("dbplanted");
        _clean = TestPostgres.CreateDatabase("dbclean");
        Run(_planted, Planted).Should().Equal("could not create unique index \"users_email_key\"");
        Run(_clean, Clean).Should().BeEmpty();
    }

    [OneTimeTearDown]
    public void Drop()
    {
        _planted.Dispose();
        _clean.Dispose();
        _temp.Dispose();
    }

    [Test]
    public void Each_planted_problem_is_reported_once_at_the_object_it_is_about()
    {
        var (run, results) = Db(_planted.ConnectionString);

        run.ExitCode.Should().Be(ExitCodes.Findings, run.Error);
        results.Where(static r => r.RuleId != "PG9906").Select(static r => $"{r.RuleId} {r.Kind} {r.Name}").Order(StringComparer.Ordinal).Should().Equal(
            "PG3008 table public.audit_log",
            "PG3016 constraint public.orders.orders_customer_id_fkey",
            "PG4001 constraint public.orders.orders_customer_id_fkey",
            "PG4002 index public.customers_id_idx",
            "PG4006 index public.orders_note_idx",
            "PG4007 index public.users_email_key",
            "PG4009 index public.accounts_active_idx",
            "PG5006 table public.secrets",
            "PG5007 policy public.customers.customers_read",
            "PG9901 sequence public.invoice_number_seq",
            "PG9902 table public.events");
    }

    [Test]
    public void A_clean_database_has_no_findings_but_the_servers_own_authentication_lines()
    {
        var (run, results) = Db(_clean.ConnectionString);

        results.Where(static r => r.RuleId != "PG9906").Should().BeEmpty();
        results.Count(static r => r.RuleId == "PG9906").Should().Be(TcpLinesWithoutScram(_clean));
        results.Where(static r => r.RuleId == "PG9906").Should().OnlyContain(static r => r.Kind == "hba rule" && r.Name.StartsWith("pg_hba.conf:", StringComparison.Ordinal));
        CliRun.Start(_temp.Path, null, "db", "--connection", _clean.ConnectionString, "--disable", "PG9906").ExitCode.Should().Be(ExitCodes.Success, run.Output);
    }

    [Test]
    public void With_the_schema_that_created_them_findings_also_point_at_the_creating_statement()
    {
        var schema = _temp.Write("schema.sql", Planted);
        var line = Planted.Split('\n').ToList().FindIndex(static l => l.StartsWith("CREATE TABLE audit_log", StringComparison.Ordinal)) + 1;

        var (_, results) = Db(_planted.ConnectionString, "--schema", schema);

        var pg3008 = results.Single(static r => r.RuleId == "PG3008");
        pg3008.Name.Should().Be("public.audit_log");
        pg3008.Uri.Should().Be("schema.sql");
        pg3008.Line.Should().Be(line);
        results.Single(static r => r.RuleId == "PG9901").Line.Should().Be(Planted.Split('\n').ToList().FindIndex(static l => l.StartsWith("CREATE SEQUENCE", StringComparison.Ordinal)) + 1);
    }

    [Test]
    public void With_a_schema_every_sarif_result_has_a_file_as_github_code_scanning_requires()
    {
        var schema = _temp.Write("partial.sql", "CREATE SEQUENCE invoice_number_seq AS integer;\n");

        var (_, withSchema) = Db(_planted.ConnectionString, "--schema", schema);
        var (_, without) = Db(_planted.ConnectionString);

        withSchema.Should().OnlyContain(static r => r.Uri == "partial.sql", "objects the schema did not create are placed at its first line");
        withSchema.Single(static r => r.RuleId == "PG3008").Should().Be(new SarifResult("PG3008", "table", "public.audit_log", "partial.sql", 1));
        withSchema.Single(static r => r.RuleId == "PG9901").Line.Should().Be(1, "the sequence's own statement is on line 1 too");
        without.Should().OnlyContain(static r => r.Uri == null, "without a file SARIF has the logical location only");
    }

    [Test]
    public void With_the_migrations_that_created_them_findings_point_at_the_migration_file()
    {
        _temp.Write("migrations/0001_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);\n");
        _temp.Write("migrations/0002_audit.sql", "-- the audit trail\nCREATE TABLE audit_log (happened_at timestamptz NOT NULL, entry text NOT NULL);\n");

        var (_, results) = Db(_planted.ConnectionString, "migrations");

        var pg3008 = results.Single(static r => r.RuleId == "PG3008");
        (pg3008.Uri, pg3008.Line).Should().Be(("migrations/0002_audit.sql", 2));
        results.Single(static r => r.RuleId == "PG9901").Uri.Should().BeNull("no migration created the sequence");
    }

    [Test]
    public void A_password_never_appears_in_the_report_the_log_or_the_statistics()
    {
        const string password = "Sup3r-s3cret-pw";
        var withPassword = new NpgsqlConnectionStringBuilder(_clean.ConnectionString) { Password = password }.ConnectionString;
        var uri = $"postgres://postgres:{password}@{new NpgsqlConnectionStringBuilder(_clean.ConnectionString).Host}:{new NpgsqlConnectionStringBuilder(_clean.ConnectionString).Port}/{_clean.Name}";
        foreach (var connection in new[] { withPassword, uri })
        {
            var sarif = Path.Combine(_temp.Path, "secret.sarif");
            var stats = Path.Combine(_temp.Path, "secret-stats.json");

            var run = CliRun.Start(_temp.Path, null, "db", "--connection", connection, "--verbose", "--format", "sarif", "--output", sarif, "--export-stats", stats);

            run.ExitCode.Should().BeOneOf([ExitCodes.Success, ExitCodes.Findings], run.Error);
            var sarifText = File.ReadAllText(sarif);
            sarifText.Should().Contain("--connection").And.Contain("********").And.NotContain(password);
            (run.Output + run.Error + File.ReadAllText(stats)).Should().NotContain(password);
            run.Error.Should().Contain($"pglint: connecting to 127.0.0.1:");
        }
    }

    [Test]
    public void A_closed_port_is_one_line_naming_host_port_and_reason_with_exit_code_2()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = CliRun.Start(_temp.Path, null, "db", "--connection", $"Host=127.0.0.1;Port={port};Username=app;Password=Sup3r-s3cret-pw;Timeout=5");

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Output.Should().BeEmpty();
        run.Error.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Be($"pglint: cannot connect to 127.0.0.1:{port}: Connection refused");
    }

    [Test]
    public void A_missing_connection_or_a_bad_uri_is_a_usage_error()
    {
        CliRun.Start(_temp.Path, null, "db", "--connection", "postgres://u@h/db?bogus=1").Error.Should().Contain("--connection: the URI parameter 'bogus' is not supported");
        CliRun.Start(_temp.Path, null, "db", "--connection", "postgres://u@h/db?bogus=1").ExitCode.Should().Be(ExitCodes.UsageError);
    }

    [Test]
    public void Exported_statistics_weigh_lock_findings_of_check_without_a_connection()
    {
        var stats = Path.Combine(_temp.Path, "stats.json");
        CliRun.Start(_temp.Path, null, "db", "--connection", _planted.ConnectionString, "--export-stats", stats, "--quiet").ExitCode.Should().Be(ExitCodes.Findings);

        var json = JsonNode.Parse(File.ReadAllText(stats))!;
        ((int?)json["formatVersion"]).Should().Be(1);
        var accounts = json["tables"]!.AsArray().Single(static t => (string?)t!["name"] == "accounts")!;
        ((double?)accounts["rows"]).Should().Be(20000);
        ((long)accounts["totalBytes"]!).Should().BeGreaterThan((long)accounts["tableBytes"]!);
        json["indexes"]!.AsArray().Should().Contain(static i => (string?)i!["name"] == "accounts_active_idx" && (double?)i["leadingColumnDistinct"] == 2);

        var migration = _temp.Write("m/0001_index.sql", "CREATE INDEX accounts_id_idx ON accounts (id);\nCREATE INDEX customers_name_idx ON customers (name);\n");
        string Levels(params string[] extra) => string.Join(
            " ",
            CliRun.Start(_temp.Path, null, ["check", migration, "--format", "gcc", "--disable", "PG1023", .. extra]).Output
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => l.Split(": ")[1]));

        Levels().Should().Be("warning warning");
        Levels("--stats", stats).Should().Be("warning note", "accounts has 20000 rows, customers 100");
        _temp.Write("pglint.json", """{ "ruleOptions": { "PG1001": { "largeTableRows": 10000 } } }""");
        Levels("--stats", stats).Should().Be("error note");
        File.Delete(Path.Combine(_temp.Path, "pglint.json"));
    }

    [Test]
    public void The_db_command_is_listed_with_its_safety_options()
    {
        CliRun.Start(_temp.Path, null, "--help").Output.Should().MatchRegex(@"\n\s+db <paths>\s+Lint a live database");
        var help = CliRun.Start(_temp.Path, null, "db", "--help").Output;
        help.Should().Contain("--connection").And.Contain("--queries").And.Contain("--hypopg").And.Contain("--export-stats").And.Contain("--statement-timeout").And.Contain("--lock-timeout").And.Contain("--schema");
    }

    [Test]
    public void Text_output_names_each_object_in_the_finding_header()
    {
        var run = CliRun.Start(_temp.Path, null, "db", "--connection", _planted.ConnectionString, "--no-color");

        run.Output.Should().Contain("table public.audit_log: warning[PG3008 missing-primary-key]: Table public.audit_log has no primary key");
        run.Output.Should().Contain("sequence public.invoice_number_seq: warning[PG9901 sequence-near-exhaustion]: Sequence public.invoice_number_seq has used 93% of its range");
    }

    [Test]
    public void Queries_from_pg_stat_statements_are_linted_and_planned_in_the_same_report_as_the_objects()
    {
        using var database = TestPostgres.CreateDatabase("dbqueries");
        Run(
            database,
            """
            CREATE EXTENSION pg_stat_statements;
            CREATE TABLE events (id bigint PRIMARY KEY, kind int NOT NULL);
            INSERT INTO events SELECT g, g % 500 FROM generate_series(1, 100000) g;
            CREATE TABLE audit_log (happened_at timestamptz NOT NULL);
            ANALYZE;
            SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0);
            SELECT count(*) FROM events WHERE kind = 1;
            SELECT count(*) FROM events WHERE kind = 2;
            SELECT count(*) FROM events WHERE id = 7;
            """).Should().BeEmpty();

        var run = CliRun.Start(_temp.Path, null, "db", "--connection", database.ConnectionString, "--queries", "20", "--format", "json", "--disable", "PG9906");

        run.ExitCode.Should().Be(ExitCodes.Findings, run.Error);
        var diagnostics = JsonNode.Parse(run.Output)!["diagnostics"]!.AsArray().Select(static d => d!).ToList();
        diagnostics.Select(static d => $"{(string?)d["ruleId"]} {(string?)d["path"] ?? (string?)d["object"]!["name"]}").Order(StringComparer.Ordinal)
            .Should().Equal("PG3008 public.audit_log", "PG9001 pg_stat_statements.sql");
        var seqScan = diagnostics.Single(static d => (string?)d["ruleId"] == "PG9001");
        ((string?)seqScan["message"]).Should().Contain("public.events").And.Contain("$1");
        run.Error.Should().Contain("from pg_stat_statements planned");
        var workload = diagnostics.Count(static d => (string?)d["path"] == "pg_stat_statements.sql");
        workload.Should().Be(1, "the primary-key lookup has an index scan and is not reported");

        var text = CliRun.Start(_temp.Path, null, "db", "--connection", database.ConnectionString, "--queries", "1", "--disable", "PG9906", "--no-color");
        text.Output.Should().MatchRegex($@"infos? in database {database.Name} and 1 file \(1 statement\) in \d+ ms");
    }

    [Test]
    public void Queries_without_pg_stat_statements_are_skipped_with_the_reason_and_the_objects_are_still_linted()
    {
        var run = CliRun.Start(_temp.Path, null, "db", "--connection", _planted.ConnectionString, "--queries", "5", "--no-color");

        run.ExitCode.Should().Be(ExitCodes.Findings, run.Error);
        run.Output.Should().Contain($"note: --queries skipped: the pg_stat_statements extension is not installed in database \"{_planted.Name}\"");
        run.Output.Should().Contain("table public.audit_log: warning[PG3008 missing-primary-key]: Table public.audit_log has no primary key in the database, so");
        run.Output.Should().MatchRegex($@"infos? in database {_planted.Name} in \d+ ms");
    }

    [Test]
    public void An_n_plus_one_loop_in_pg_stat_statements_is_reported_at_the_lookup_when_PG2021_is_enabled()
    {
        using var database = TestPostgres.CreateDatabase("dbnplusone");
        Run(
            database,
            """
            CREATE EXTENSION pg_stat_statements;
            CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, total numeric NOT NULL);
            CREATE INDEX orders_customer_id_idx ON orders (customer_id);
            INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 100) g;
            INSERT INTO orders SELECT g, g, g FROM generate_series(1, 100) g;
            ANALYZE;
            SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0);
            """).Should().BeEmpty();
        using (var connection = database.Open())
        {
            // 15 lists of 100 orders, each followed by one customer lookup per order.
            for (var page = 0; page < 15; page++)
            {
                var customers = new List<long>();
                using (var list = new NpgsqlCommand("SELECT id, customer_id FROM orders ORDER BY id", connection))
                using (var reader = list.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        customers.Add(reader.GetInt64(1));
                    }
                }

                foreach (var customer in customers)
                {
                    using var lookup = new NpgsqlCommand("SELECT name FROM customers WHERE id = $1", connection) { Parameters = { new NpgsqlParameter { Value = customer } } };
                    lookup.ExecuteScalar();
                }
            }
        }

        var (run, results) = Db(database.ConnectionString, "--enable", "PG2021", "--disable", "PG9906");
        run.ExitCode.Should().Be(ExitCodes.Findings, run.Error);
        var finding = results.Should().ContainSingle(static r => r.RuleId == "PG2021").Subject;
        finding.Kind.Should().Be("query");
        finding.Name.Should().StartWith("pg_stat_statements:");

        var text = CliRun.Start(_temp.Path, null, "db", "--connection", database.ConnectionString, "--enable", "PG2021", "--disable", "PG9906", "--no-color");
        text.Output.Should().Contain($"{finding.Kind} {finding.Name}: warning[PG2021 n-plus-one-pattern]: Query \"SELECT name FROM customers WHERE id = $1\"")
            .And.Contain("ran 1500 times, about once per row of query \"SELECT id, customer_id FROM orders ORDER BY id\"")
            .And.Contain("15 calls, 1500 rows), looking up its customer_id in customers.id");

        CliRun.Start(_temp.Path, null, "db", "--connection", database.ConnectionString, "--disable", "PG9906", "--no-color")
            .Output.Should().NotContain("PG2021", "the rule is off by default");
    }

    [Test]
    public void PG2021_without_pg_stat_statements_says_it_did_not_run()
    {
        var run = CliRun.Start(_temp.Path, null, "db", "--connection", _planted.ConnectionString, "--enable", "PG2021", "--no-color");

        run.Output.Should().Contain($"note: PG2021 not run: pg_stat_statements has no statements for database \"{_planted.Name}\"");
    }

    [Test]
    public void Queries_need_a_positive_count() =>
        CliRun.Start(_temp.Path, null, "db", "--connection", _clean.ConnectionString, "--queries", "0").ExitCode.Should().Be(ExitCodes.UsageError);

    [Test]
    public void A_missing_statistics_file_is_a_usage_error_naming_the_option()
    {
        var run = CliRun.Start(_temp.Path, "SELECT 1;", "check", "-", "--stats", "nowhere.json");

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain("--stats: cannot read");
    }

    private static List<string> Run(TestDatabase database, string sql)
    {
        var errors = new List<string>();
        using var connection = database.Open();
        foreach (var statement in SqlParser.Parse(SourceText.From(sql, "seed.sql")).Statements.Where(static s => s.Kind == StatementKind.Sql))
        {
            using var command = new NpgsqlCommand(statement.Text, connection);
            try
            {
                command.ExecuteNonQuery();
            }
            catch (PostgresException ex)
            {
                errors.Add(ex.MessageText);
            }

            // Publish the statement's statistics (PostgreSQL 15) before the next one, as if each ran in its own session.
            using var flush = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection);
            flush.ExecuteNonQuery();
        }

        using var ping = new NpgsqlCommand("SELECT 1", connection);
        ping.ExecuteNonQuery();
        return errors;
    }

    private static int TcpLinesWithoutScram(TestDatabase database)
    {
        using var connection = database.Open();
        using var command = new NpgsqlCommand(
            """
            SELECT CASE WHEN has_function_privilege('pg_hba_file_rules()', 'EXECUTE')
                THEN (SELECT count(*) FROM pg_hba_file_rules WHERE error IS NULL AND type LIKE 'host%' AND auth_method IN ('trust', 'md5', 'password'))::int
                ELSE 0 END
            """,
            connection);
        return (int)command.ExecuteScalar()!;
    }

    private (CliRun Run, List<SarifResult> Results) Db(string connection, params string[] extra)
    {
        var sarif = Path.Combine(_temp.Path, $"db-{Guid.NewGuid():N}.sarif");
        var run = CliRun.Start(_temp.Path, null, ["db", "--connection", connection, "--format", "sarif", "--output", sarif, .. extra]);
        CheckCommandTests.ShouldPassTheSarifSchema(File.ReadAllText(sarif));
        var results = JsonNode.Parse(File.ReadAllText(sarif))!["runs"]![0]!["results"]!.AsArray().Select(static r =>
        {
            var location = r!["locations"]![0]!;
            var logical = location["logicalLocations"]![0]!;
            var physical = location["physicalLocation"];
            return new SarifResult(
                (string)r["ruleId"]!,
                (string)logical["kind"]!,
                (string)logical["fullyQualifiedName"]!,
                (string?)physical?["artifactLocation"]?["uri"],
                (int?)physical?["region"]?["startLine"]);
        }).ToList();
        return (run, results);
    }

    private sealed record SarifResult(string RuleId, string Kind, string Name, string? Uri, int? Line);
}
