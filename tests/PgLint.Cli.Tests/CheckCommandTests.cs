using System.Text.Json.Nodes;
using FluentAssertions;
using Json.Schema;
using NUnit.Framework;

namespace PgLint.Cli.Tests;

public sealed class CheckCommandTests
{
    [Test]
    public void Samples_as_sarif_pass_the_official_schema_with_PG1001_only_on_the_existing_table()
    {
        using var temp = new TempFolder();
        var sarifPath = Path.Combine(temp.Path, "out.sarif");

        var run = CliRun.Start(Repository.Root, null, "check", "samples/migrations", "--format", "sarif", "--output", sarifPath);

        run.ExitCode.Should().Be(ExitCodes.Findings, run.Error);
        var text = File.ReadAllText(sarifPath);
        ShouldPassTheSarifSchema(text);

        var results = JsonNode.Parse(text)!["runs"]![0]!["results"]!.AsArray();
        var pg1001 = results.Where(static r => (string?)r!["ruleId"] == "PG1001").ToList();
        pg1001.Should().ContainSingle("only 0002 builds an index on a table created by an earlier file");
        var location = pg1001[0]!["locations"]![0]!["physicalLocation"]!;
        ((string?)location["artifactLocation"]!["uri"]).Should().Be("samples/migrations/0002_index_orders_by_customer.sql");
        ((int?)location["region"]!["startLine"]).Should().Be(2);
        ((int?)location["region"]!["startColumn"]).Should().Be(1);
        run.Error.Should().MatchRegex(@"\d+ errors?, \d+ warnings?, \d+ infos? in 5 files");
    }

    [Test]
    public void A_garbage_third_statement_is_PG0001_at_line_3_and_rules_fire_on_the_others()
    {
        using var temp = new TempFolder();
        temp.Write("m.sql", "CREATE INDEX a ON t (x);\nCREATE INDEX b ON t (y);\nthis is garbage;\nCREATE INDEX c ON t (z);\n");

        var run = CliRun.Start(temp.Path, null, "check", "m.sql", "--format", "gcc", "--disable", "PG1023");

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(static l => l[..l.IndexOf(": ", StringComparison.Ordinal)] + " " + l[(l.LastIndexOf('[') + 1)..^1]).Should().Equal(
            "m.sql:1:1 PG1001", "m.sql:2:1 PG1001", "m.sql:3:1 PG0001", "m.sql:4:1 PG1001");
    }

    [Test]
    public void A_column_after_non_ascii_text_on_the_same_line_is_the_utf16_column()
    {
        using var temp = new TempFolder();
        temp.Write("u.sql", "SELECT 1 FROM t WHERE /* größe 🚀 */ a = NULL;\n");

        var run = CliRun.Start(temp.Path, null, "check", "u.sql", "--format", "gcc");

        // "SELECT 1 FROM t WHERE /* größe " is 31 code units, the rocket 2, " */ " 4: the comparison starts at column 38.
        run.Output.Should().StartWith("u.sql:1:38: error: ").And.Contain("[PG6001]");
    }

    [Test]
    public void Standard_input_is_linted_under_the_given_name()
    {
        var run = CliRun.Start(Repository.Root, "SELECT a FROM t WHERE a = NULL;", "check", "-", "--stdin-filename", "query.sql", "--format", "gcc");

        run.ExitCode.Should().Be(ExitCodes.Findings);
        run.Output.Should().StartWith("query.sql:1:23: error: ");
    }

    [Test]
    public void Clean_input_exits_0_and_findings_below_fail_on_do_not_fail()
    {
        CliRun.Start(Repository.Root, "SELECT 1;", "check", "-").ExitCode.Should().Be(ExitCodes.Success);
        CliRun.Start(Repository.Root, "SELECT a FROM t WHERE a = NULL;", "check", "-", "--fail-on", "never").ExitCode.Should().Be(ExitCodes.Success);
        CliRun.Start(Repository.Root, "CREATE INDEX i ON t (a);", "check", "-", "--fail-on", "error", "--disable", "PG1023").ExitCode.Should().Be(ExitCodes.Success);
        CliRun.Start(Repository.Root, "CREATE INDEX i ON t (a);", "check", "-", "--fail-on", "warning").ExitCode.Should().Be(ExitCodes.Findings);
    }

    [Test]
    public void A_severity_override_changes_what_fails()
    {
        var run = CliRun.Start(Repository.Root, "CREATE INDEX i ON t (a);", "check", "-", "--fail-on", "error", "--severity", "PG1001=error", "--format", "gcc");

        run.ExitCode.Should().Be(ExitCodes.Findings);
        run.Output.Should().Contain(": error: ").And.Contain("[PG1001]");
    }

    [Test]
    public void An_unknown_rule_on_the_command_line_is_PG0004_with_exit_code_2()
    {
        var run = CliRun.Start(Repository.Root, "SELECT 1;", "check", "-", "--disable", "PG9998");

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain("PG0004").And.Contain("'PG9998'");
    }

    [Test]
    public void A_bad_configuration_key_is_PG0004_naming_the_key()
    {
        using var temp = new TempFolder();
        temp.Write("pglint.json", """{ "pgVersoin": "15" }""");
        temp.Write("a.sql", "SELECT 1;");

        var run = CliRun.Start(temp.Path, null, "check", "a.sql");

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain("PG0004").And.Contain("unknown key 'pgVersoin'");
    }

    [Test]
    public void Configuration_turns_rules_off_and_sets_the_version()
    {
        using var temp = new TempFolder();
        temp.Write("pglint.json", """{ "pgVersion": "13", "rules": { "require-concurrent-index-creation": "off", "PG1023": "off" } }""");
        temp.Write("a.sql", "CREATE INDEX i ON t (a);");

        CliRun.Start(temp.Path, null, "check", "a.sql").ExitCode.Should().Be(ExitCodes.Success);
    }

    [Test]
    public void A_bad_version_or_format_is_a_usage_error()
    {
        CliRun.Start(Repository.Root, "SELECT 1;", "check", "-", "--pg-version", "fifteen").ExitCode.Should().Be(ExitCodes.UsageError);
        CliRun.Start(Repository.Root, "SELECT 1;", "check", "-", "--format", "yaml").ExitCode.Should().Be(ExitCodes.UsageError);
    }

    [TestCase("10", new[] { "PG1005" })]
    [TestCase("11", new string[0])]
    [TestCase("15", new string[0])]
    public void Pg_version_decides_whether_a_constant_default_rewrites_the_table(string version, string[] expected) =>
        VersionFindings("SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text DEFAULT 'none';\n", version).Should().BeEquivalentTo(expected);

    [TestCase("13", new string[0])]
    [TestCase("14", new[] { "PG1032" })]
    [TestCase("17", new[] { "PG1032" })]
    public void Pg_version_decides_whether_detach_partition_can_be_concurrent(string version, string[] expected) =>
        VersionFindings("SET lock_timeout = '2s';\nALTER TABLE events DETACH PARTITION events_2023;\n", version).Should().BeEquivalentTo(expected);

    [TestCase("14.3", new[] { "PG1043" })]
    [TestCase("14.4", new string[0])]
    [TestCase("15", new string[0])]
    public void Pg_version_minor_decides_the_concurrent_index_bug_warning(string version, string[] expected) =>
        VersionFindings("CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);\n", version).Should().BeEquivalentTo(expected);

    [TestCase("8")]
    [TestCase("100")]
    [TestCase("14.x")]
    public void A_version_outside_what_pglint_knows_is_a_configuration_error(string version)
    {
        var run = CliRun.Start(Repository.Root, "SELECT 1;", "check", "-", "--pg-version", version);

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain("PG0004").And.Contain($"'{version}'");
    }

    /// <summary>The rule ids <c>pglint check</c> reports for <paramref name="sql"/> at <paramref name="version"/>.</summary>
    private static List<string> VersionFindings(string sql, string version)
    {
        var run = CliRun.Start(Repository.Root, sql, "check", "-", "--format", "gcc", "--fail-on", "never", "--pg-version", version);
        run.ExitCode.Should().Be(ExitCodes.Success, run.Error);
        return [.. run.Output.Split('\n').Where(static l => l.EndsWith(']')).Select(static l => l[(l.LastIndexOf('[') + 1)..^1])];
    }

    [Test]
    public void A_missing_file_is_reported_and_the_other_files_are_still_linted()
    {
        using var temp = new TempFolder();
        temp.Write("b.sql", "SELECT a FROM t WHERE a = NULL;");

        var run = CliRun.Start(temp.Path, null, "check", "missing.sql", "b.sql", "--format", "gcc");

        run.Output.Should().Contain("missing.sql:1:1: error: The file cannot be read: no such file or folder. [PG0001]");
        run.Output.Should().Contain("b.sql:1:23: error:");
    }

    [Test]
    public void A_folder_is_a_migration_set_linted_in_runner_order()
    {
        using var temp = new TempFolder();
        temp.Write("db/10_index.sql", "SET lock_timeout = '1s'; CREATE INDEX ON t (a);");
        temp.Write("db/2_table.sql", "CREATE TABLE t (a int); CREATE INDEX ON t (a);");

        var run = CliRun.Start(temp.Path, null, "check", "db", "--format", "gcc", "--disable", "PG3008,PG4002,PG7003");

        // 2_table runs first: its index is on a new table; 10_index indexes an existing one.
        run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Should().StartWith("db/10_index.sql:1:26: warning:").And.EndWith("[PG1001]");
    }

    [Test]
    public void Assume_in_transaction_makes_concurrently_an_error()
    {
        var run = CliRun.Start(Repository.Root, "CREATE INDEX CONCURRENTLY i ON t (a); SELECT 1;", "check", "-", "--assume-in-transaction", "--format", "gcc");

        run.Output.Should().Contain("[PG1003]");
        run.ExitCode.Should().Be(ExitCodes.Findings);
    }

    [Test]
    public void Text_output_to_a_file_still_summarises_on_stderr()
    {
        using var temp = new TempFolder();
        var report = Path.Combine(temp.Path, "report.txt");

        var run = CliRun.Start(Repository.Root, "SELECT a FROM t WHERE a = NULL;", "check", "-", "--output", report);

        run.Output.Should().BeEmpty();
        File.ReadAllText(report).Should().Contain("PG6001");
        run.Error.Should().Contain("1 error, 0 warnings, 0 infos in 1 file (1 statement)");
    }

    /// <summary>Validates a SARIF log against the official 2.1.0 schema.</summary>
    internal static void ShouldPassTheSarifSchema(string sarif)
    {
        var schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemata", "sarif-2.1.0.json"));
        var evaluation = schema.Evaluate(JsonNode.Parse(sarif), new EvaluationOptions { OutputFormat = OutputFormat.List });
        evaluation.IsValid.Should().BeTrue(string.Join("\n", evaluation.Details.Where(static d => d.HasErrors).SelectMany(static d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }
}

public sealed class NativeLibraryTests
{
    [Test]
    public void A_missing_libpg_query_is_one_clear_message_saying_how_to_install_it()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "pglint.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [cli, "check", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGLINT_LIBPG_QUERY"] = "/nonexistent/libpg_query.so.1504.0";

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Write("SELECT 1;");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(60_000).Should().BeTrue();

        process.ExitCode.Should().Be(ExitCodes.UsageError);
        error.Should().Contain("libpg_query 15").And.Contain("apt-get install libpg-query1504.0");
        error.Should().NotContain("DllNotFoundException").And.NotContain("   at ");
    }

    [Test]
    public void Dump_catalog_prints_the_final_catalog_of_the_set_instead_of_the_report()
    {
        using var temp = new TempFolder();
        temp.Write("db/0001_users.sql", "CREATE TABLE users (id int4 PRIMARY KEY, email varchar(200) NOT NULL);\nCREATE INDEX ON users (lower(email));\n");
        temp.Write("db/0002_orders.sql", "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id integer REFERENCES users ON DELETE CASCADE);\n");

        var run = CliRun.Start(temp.Path, null, "check", "db", "--dump-catalog");

        run.ExitCode.Should().Be(ExitCodes.Success);
        run.Output.ReplaceLineEndings("\n").Should().Be(
            """
            -- migration set db
            schema public
            table public.orders
              column id bigint NOT NULL IDENTITY always
              column user_id integer
              constraint orders_pkey PrimaryKey (id)
              constraint orders_user_id_fkey ForeignKey (user_id) references public.users (id) on delete Cascade on update NoAction
              index orders_pkey unique using btree (id)
            table public.users
              column id integer NOT NULL
              column email character varying(200) NOT NULL
              constraint users_pkey PrimaryKey (id)
              index users_lower_idx using btree ((lower(email)))
              index users_pkey unique using btree (id)
            sequence public.orders_id_seq owned by public.orders.user_id

            """.Replace("orders.user_id", "orders.id", StringComparison.Ordinal));
    }
}

public sealed class FormatOptionTests
{
    [TestCase("json", "\"ruleId\": \"PG6001\"")]
    [TestCase("github", "::error file=query.sql,line=1,col=23,")]
    [TestCase("gitlab", "\"check_name\": \"PG6001\"")]
    [TestCase("junit", "<testcase classname=\"query.sql\" name=\"PG6001 comparison-with-null\">")]
    public void Every_format_can_be_chosen_on_the_command_line(string format, string expected)
    {
        var run = CliRun.Start(Repository.Root, "SELECT a FROM t WHERE a = NULL;", "check", "-", "--stdin-filename", "query.sql", "--format", format);

        run.ExitCode.Should().Be(ExitCodes.Findings, run.Error);
        run.Output.Should().Contain(expected);
    }
}

public sealed class ProgressTests
{
    [Test]
    public void No_progress_line_is_written_when_standard_error_is_not_a_terminal()
    {
        var migrations = Path.Combine(Repository.Corpus, "migrations", "trigger-dev");

        var run = CliRun.Start(Repository.Root, null, "check", migrations, "--format", "gcc", "--fail-on", "never");

        run.ExitCode.Should().Be(ExitCodes.Success);
        run.Error.Should().NotContain("\r").And.NotContain("parsed ");
    }

    [Test]
    public void Locks_lists_what_each_transaction_holds_after_the_findings()
    {
        using var temp = new TempFolder();
        temp.Write("db/0001_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, status text);\n");
        temp.Write("db/0002_note.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\nSELECT count(*) FROM orders;\n");

        var run = CliRun.Start(temp.Path, null, "check", "db", "--assume-in-transaction", "--locks", "--no-color");

        run.Output.ReplaceLineEndings("\n").Should().Contain(
            "db/0002_note.sql: locks\n"
            + "  transaction 1 (lines 1–3, runner-wrapped): ACCESS EXCLUSIVE on public.orders, held across 2 statements (lines 2–3)\n");
        CliRun.Start(temp.Path, null, "check", "db", "--assume-in-transaction", "--no-color").Output.Should().NotContain(": locks");
    }
}
