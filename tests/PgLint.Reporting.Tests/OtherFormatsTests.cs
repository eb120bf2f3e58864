using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using FluentAssertions;
using NUnit.Framework;
using PgLint.Syntax;

namespace PgLint.Reporting.Tests;

public sealed class OtherFormatsTests
{
    [TestCase("json-report.json")]
    [TestCase("github-report.txt")]
    [TestCase("gitlab-report.json")]
    [TestCase("junit-report.xml")]
    public void Report_of_a_small_migration_set_matches_the_golden_file(string golden)
    {
        IReporter reporter = golden switch
        {
            "json-report.json" => new JsonReporter(),
            "github-report.txt" => new GitHubReporter(),
            "gitlab-report.json" => new GitLabReporter(),
            _ => new JUnitReporter(),
        };

        Golden.Verify(golden, reporter.Render(TestRun.Lint(TextReporterTests.GoldenInput)));
    }

    [Test]
    public void GitHub_commands_escape_percent_newlines_and_property_separators()
    {
        GitHubReporter.Data("100% done\r\nnext").Should().Be("100%25 done%0D%0Anext");
        GitHubReporter.Property("a:b,c").Should().Be("a%3Ab%2Cc");
    }

    [Test]
    public void GitHub_annotations_carry_the_file_the_range_and_the_rule()
    {
        var lines = new GitHubReporter().Render(TestRun.Lint("CREATE INDEX i ON orders (customer_id);\n")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.Should().ContainSingle().Which.Should().StartWith("::warning file=migrations/001.sql,line=1,col=19,endLine=1,endColumn=25,title=TST1001 ");
    }

    [Test]
    public void Json_positions_are_one_based_and_byte_offsets_count_the_byte_order_mark_and_multibyte_text()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("/* größe 🚀 */ CREATE INDEX i ON orders (customer_id);\n")).ToArray();
        var context = TestRun.Lint([SourceText.FromBytes(bytes, "migrations/001.sql")]);

        var diagnostic = JsonNode.Parse(new JsonReporter().Render(context))!["diagnostics"]![0]!;

        ((int)diagnostic["line"]!).Should().Be(1);
        ((int)diagnostic["column"]!).Should().Be(34);
        var byteOffset = (int)diagnostic["byteOffset"]!;
        var byteLength = (int)diagnostic["byteLength"]!;
        Encoding.UTF8.GetString(bytes, byteOffset, byteLength).Should().Be("orders");
    }

    [Test]
    public void Json_summary_counts_match_the_findings()
    {
        var json = JsonNode.Parse(new JsonReporter().Render(TestRun.Lint(TextReporterTests.GoldenInput)))!;

        var diagnostics = json["diagnostics"]!.AsArray();
        var summary = json["summary"]!;
        ((int)json["version"]!).Should().Be(JsonReporter.FormatVersion);
        ((int)summary["suppressed"]!).Should().Be(diagnostics.Count(static d => (bool)d!["suppressed"]!));
        ((int)summary["errors"]! + (int)summary["warnings"]! + (int)summary["infos"]! + (int)summary["suppressed"]!).Should().Be(diagnostics.Count);
        ((int)summary["files"]!).Should().Be(3);
    }

    [Test]
    public void GitLab_issues_have_unique_fingerprints_and_code_quality_severities()
    {
        var issues = JsonNode.Parse(new GitLabReporter().Render(TestRun.Lint(TextReporterTests.GoldenInput)))!.AsArray();

        issues.Should().NotBeEmpty();
        issues.Select(static i => (string?)i!["fingerprint"]).Should().OnlyHaveUniqueItems().And.NotContain(string.Empty);
        issues.Select(static i => (string?)i!["severity"]).Should().OnlyContain(static s => s == "info" || s == "minor" || s == "major" || s == "critical" || s == "blocker");
    }

    [Test]
    public void JUnit_has_a_case_per_file_and_rule_and_a_passing_case_for_a_clean_file()
    {
        var context = TestRun.Lint([SourceText.From("CREATE INDEX a ON t (x);\nCREATE INDEX b ON t (y);\n", "a.sql"), SourceText.From("SELECT 1;\n", "b.sql")]);

        var xml = XDocument.Parse(new JUnitReporter().Render(context));

        var suites = xml.Root!.Elements("testsuite").ToList();
        suites.Select(static s => (string?)s.Attribute("name")).Should().Equal("a.sql", "b.sql");
        var failing = suites[0].Elements("testcase").Should().ContainSingle().Subject;
        failing.Element("failure")!.Value.Split('\n').Should().HaveCount(2);
        suites[1].Elements("testcase").Should().ContainSingle().Which.Element("failure").Should().BeNull();
        ((int)xml.Root.Attribute("failures")!).Should().Be(1);
    }
}
