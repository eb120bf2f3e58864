using System.Text.Json.Nodes;
using FluentAssertions;
using Npgsql;
using NUnit.Framework;
using PgLint.Tests.Shared;

namespace PgLint.Cli.Tests.Live;

/// <summary><c>pglint trace</c> against the real PostgreSQL 15: locks and rewrites as the server shows them.</summary>
[NonParallelizable]
public sealed class TraceCommandTests
{
    /// <summary>
    /// Statements of the umami set that rewrite an existing table: <c>ALTER COLUMN … TYPE</c> to a type
    /// that is not binary-coercible, which change-column-type (PG1014) reports.
    /// </summary>
    private static readonly string[] UmamiRewrites =
    [
        "migrations/12_update_report_parameter/migration.sql:2",
        "migrations/14_add_link_and_pixel/migration.sql:2",
        "migrations/14_add_link_and_pixel/migration.sql:5",
        "migrations/14_add_link_and_pixel/migration.sql:8",
    ];

    [Test]
    public void Corpus_set_locks_agree_with_the_lock_model_and_rewrites_are_the_known_alter_type_ones()
    {
        var folder = Path.Combine(Repository.Corpus, "migrations", "umami", "prisma");

        var run = CliRun.Start(folder, null, "trace", "--connection", TestPostgres.ConnectionString, "migrations", "--format", "json");

        var statements = JsonNode.Parse(run.Output)!.AsArray().Single()!["statements"]!.AsArray().OfType<JsonNode>().ToList();
        statements.Should().HaveCountGreaterThan(150);
        statements.Where(static s => s["error"] is not null).Select(static s => (string?)s["error"]).Should().BeEmpty();
        statements.SelectMany(static s => s["disagreements"]!.AsArray().Select(d => $"{s["path"]}:{s["line"]}: {d}"))
            .Should().BeEmpty("every ACCESS EXCLUSIVE the server took on an existing table is the one the lock model predicts, and every rewrite is reported");
        statements.Where(static s => s["rewritten"]!.AsArray().Any(static r => (string?)r!["kind"] == "table" && (bool)r["existedBeforeMigration"]!))
            .Select(static s => $"{s["path"]}:{s["line"]}").Should().BeEquivalentTo(UmamiRewrites);
        foreach (var place in UmamiRewrites)
        {
            var statement = statements.Single(s => $"{s["path"]}:{s["line"]}" == place);
            statement["rules"]!.AsArray().Select(static r => (string?)r).Should().Contain("PG1014", $"{place} changes a column type, which rewrites the table");
            statement["locks"]!.AsArray().Should().Contain(static l => (string?)l!["mode"] == "ACCESS EXCLUSIVE" && (bool)l["existing"]!);
        }

        NoScratchDatabaseLeft();
    }

    [Test]
    public void A_golang_migrate_set_with_renames_foreign_keys_and_transactions_agrees_with_the_server()
    {
        var corpus = Path.Combine(Repository.Corpus, "migrations");

        var run = CliRun.Start(corpus, null, "trace", "--connection", TestPostgres.ConnectionString, "harbor", "--format", "json");

        var statements = JsonNode.Parse(run.Output)!.AsArray().Single()!["statements"]!.AsArray().OfType<JsonNode>().ToList();
        statements.Should().HaveCountGreaterThan(400);
        statements.Where(static s => s["error"] is not null).Select(static s => (string?)s["error"])
            .Should().HaveCount(2).And.OnlyContain(static e => e == "relation \"schema_migrations\" does not exist", "only the migration tool's own table is missing");
        statements.SelectMany(static s => s["disagreements"]!.AsArray().Select(d => $"{s["path"]}:{s["line"]}: {d}")).Should().BeEmpty();
        statements.Count(static s => s["locks"]!.AsArray().Any(static l => (string?)l!["mode"] == "ACCESS EXCLUSIVE" && (bool)l["existing"]!))
            .Should().BeGreaterThan(100, "the set alters many existing tables");
        var rename = statements.Single(static s => (string?)s["statement"] == "ALTER TABLE replication_target RENAME TO registry");
        rename["locks"]!.AsArray().Should().Contain(static l => (string?)l!["relation"] == "public.replication_target" && (string?)l["mode"] == "ACCESS EXCLUSIVE", "a renamed table is named as it was before the statement");

        NoScratchDatabaseLeft();
    }

    [Test]
    public void Statements_report_their_own_locks_and_rewrites_in_text()
    {
        using var folder = new TempFolder();
        folder.Write("db/V1__orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, total int);\nINSERT INTO orders SELECT g, g FROM generate_series(1, 1000) g;\n");
        folder.Write(
            "db/V2__change.sql",
            """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD COLUMN note text DEFAULT 'none';
            ALTER TABLE orders ALTER COLUMN total TYPE bigint;
            CREATE INDEX orders_total_idx ON orders (total);
            CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);
            BEGIN;
            ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;
            ALTER TABLE orders VALIDATE CONSTRAINT total_positive;
            COMMIT;
            VACUUM FULL orders;

            """);

        var run = CliRun.Start(folder.Path, null, "trace", "--connection", TestPostgres.ConnectionString, "db");

        var lines = run.Output.Split('\n').Select(static l => l.TrimEnd('\r')).ToList();
        string After(string head) => lines[lines.FindIndex(l => l.Contains(head, StringComparison.Ordinal)) + 1];
        After("V2__change.sql:2:1: ALTER TABLE orders ADD COLUMN note").Should().Be("    ACCESS EXCLUSIVE on public.orders", "a constant default is stored in the catalog, not written into every row (PG11+)");
        After("V2__change.sql:3:1: ALTER TABLE orders ALTER COLUMN total TYPE bigint").Should().Contain("ACCESS EXCLUSIVE on public.orders").And.Contain("rewrote public.orders");
        After("V2__change.sql:4:1: CREATE INDEX orders_total_idx").Should().StartWith("    SHARE on public.orders");
        After("V2__change.sql:5:1: CREATE INDEX CONCURRENTLY").Should().Be("    locks not observable (runs outside a transaction block)");
        After("V2__change.sql:8:1: ALTER TABLE orders VALIDATE CONSTRAINT").Should().Be("    SHARE UPDATE EXCLUSIVE on public.orders", "inside BEGIN … COMMIT only the locks the statement added are its own");
        After("V2__change.sql:10:1: VACUUM FULL orders").Should().Contain("rewrote public.orders");
        run.Output.Should().Contain("12 statements traced in 1 set(s), 0 failed, 0 disagreement(s)", "PG1014 reports the ALTER COLUMN TYPE rewrite and the lock model every ACCESS EXCLUSIVE");
        NoScratchDatabaseLeft();
    }

    [Test]
    public void A_failing_statement_is_reported_and_the_scratch_database_is_still_dropped()
    {
        using var folder = new TempFolder();
        folder.Write("m/001_bad.sql", "CREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE missing ADD COLUMN x int;\nCREATE INDEX t_id ON t (id);\n");

        var run = CliRun.Start(folder.Path, null, "trace", "--connection", TestPostgres.ConnectionString, "m");

        run.ExitCode.Should().Be(1);
        run.Output.Should().Contain("001_bad.sql:2:1: ALTER TABLE missing ADD COLUMN x int").And.Contain("    error: relation \"missing\" does not exist");
        run.Output.Should().Contain("001_bad.sql:3:1: CREATE INDEX t_id ON t (id)\n    SHARE on public.t");
        NoScratchDatabaseLeft();
    }

    private static void NoScratchDatabaseLeft()
    {
        using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname LIKE 'pglint\\_trace\\_%'", connection);
        ((long)command.ExecuteScalar()!).Should().Be(0, "the scratch database is dropped at the end");
    }
}
