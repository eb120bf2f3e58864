using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PgLint.Syntax;

namespace PgLint.Cli.Tests;

public sealed class FixAndBaselineTests
{
    [Test]
    public void Fix_on_the_sample_migrations_writes_files_that_parse_and_lint_clean_of_the_fixed_rules()
    {
        using var temp = CopySamples();
        var before = CliRun.Start(temp.Path, null, "check", "migrations", "--format", "gcc").Output;
        before.Should().Contain("[PG1001]").And.Contain("[PG1002]");

        var fix = CliRun.Start(temp.Path, null, "fix", "migrations", "--format", "gcc");

        fix.Error.Should().Contain("fixed migrations/0002_index_orders_by_customer.sql");
        foreach (var file in Directory.GetFiles(Path.Combine(temp.Path, "migrations")))
        {
            SqlParser.Parse(SourceText.FromFile(file)).Statements.Should().OnlyContain(static s => s.Error == null, file);
        }

        File.ReadAllText(Path.Combine(temp.Path, "migrations", "0002_index_orders_by_customer.sql"))
            .Should().Contain("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);");
        var after = CliRun.Start(temp.Path, null, "check", "migrations", "--format", "gcc").Output;
        after.Should().NotContain("[PG1001]").And.NotContain("[PG1002]");
        after.Should().Contain("[PG6001]", "its fix changes results and is not applied without --unsafe-fixes");
    }

    [Test]
    public void Diff_shows_the_fixes_without_writing()
    {
        using var temp = CopySamples();
        var file = Path.Combine(temp.Path, "migrations", "0002_index_orders_by_customer.sql");
        var original = File.ReadAllText(file);

        var run = CliRun.Start(temp.Path, null, "check", "migrations", "--fix", "--diff", "--format", "gcc");

        File.ReadAllText(file).Should().Be(original);
        run.Output.Should().Contain("--- a/migrations/0002_index_orders_by_customer.sql\n+++ b/migrations/0002_index_orders_by_customer.sql\n@@ -1,2 +1,2 @@\n");
        run.Output.Should().Contain("\n-CREATE INDEX orders_customer_id_idx ON orders (customer_id);\n+CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);\n");
    }

    [Test]
    public void Unsafe_fixes_are_applied_only_when_asked()
    {
        using var temp = new TempFolder();
        temp.Write("q.sql", "SELECT a FROM t WHERE a = NULL;\n");

        CliRun.Start(temp.Path, null, "fix", "q.sql");
        File.ReadAllText(Path.Combine(temp.Path, "q.sql")).Should().Be("SELECT a FROM t WHERE a = NULL;\n");

        CliRun.Start(temp.Path, null, "fix", "q.sql", "--unsafe-fixes");
        File.ReadAllText(Path.Combine(temp.Path, "q.sql")).Should().Be("SELECT a FROM t WHERE a IS NULL;\n");
    }

    [Test]
    public void A_blank_line_added_at_the_top_of_a_baselined_file_leaves_every_finding_unchanged()
    {
        using var temp = CopySamples();
        var baseline = CliRun.Start(temp.Path, null, "baseline", "migrations", "--output", "baseline.json");
        baseline.ExitCode.Should().Be(ExitCodes.Success, baseline.Error);
        var recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Path, "baseline.json")))!["findings"]!.AsArray();
        recorded.Should().NotBeEmpty();

        foreach (var file in Directory.GetFiles(Path.Combine(temp.Path, "migrations")))
        {
            File.WriteAllText(file, "\n-- moved down by a new comment\n" + File.ReadAllText(file));
        }

        var check = CliRun.Start(temp.Path, null, "check", "migrations", "--baseline", "baseline.json", "--format", "sarif");

        check.ExitCode.Should().Be(ExitCodes.Success, check.Error);
        var results = JsonNode.Parse(check.Output)!["runs"]![0]!["results"]!.AsArray();
        results.Should().HaveCount(recorded.Count);
        results.Select(static r => (string?)r!["baselineState"]).Should().OnlyContain(static s => s == "unchanged");
    }

    [Test]
    public void A_new_finding_is_new_and_fails_the_run_while_recorded_ones_do_not()
    {
        using var temp = CopySamples();
        CliRun.Start(temp.Path, null, "baseline", "migrations", "--output", "baseline.json").ExitCode.Should().Be(ExitCodes.Success);
        temp.Write("migrations/0006_more.sql", "CREATE INDEX orders_total_idx ON orders (total);\n");

        var check = CliRun.Start(temp.Path, null, "check", "migrations", "--baseline", "baseline.json", "--format", "gcc");

        check.ExitCode.Should().Be(ExitCodes.Findings);
        check.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().OnlyContain(static l => l.StartsWith("migrations/0006_more.sql:", StringComparison.Ordinal));
    }

    [Test]
    public void A_baseline_that_is_not_a_baseline_is_a_usage_error()
    {
        using var temp = CopySamples();
        temp.Write("baseline.json", "[]");

        var check = CliRun.Start(temp.Path, null, "check", "migrations", "--baseline", "baseline.json");

        check.ExitCode.Should().Be(ExitCodes.UsageError);
        check.Error.Should().Contain("PG0004").And.Contain("baseline.json");
    }

    private static TempFolder CopySamples()
    {
        var temp = new TempFolder();
        foreach (var file in Directory.GetFiles(Repository.Samples))
        {
            temp.Write(Path.Combine("migrations", Path.GetFileName(file)), File.ReadAllText(file));
        }

        return temp;
    }
}
