using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Cli.Tests;

public sealed class RulesCommandTests
{
    [Test]
    public void The_list_shows_every_rule_with_its_category_and_default()
    {
        var run = CliRun.Start(Repository.Root, null, "rules");

        run.ExitCode.Should().Be(ExitCodes.Success);
        run.Output.Should().MatchRegex(@"PG1001\s+require-concurrent-index-creation\s+migration-safety\s+warning\s+");
        run.Output.Should().Contain("PG0001").And.Contain("PG6001");
    }

    [Test]
    public void The_json_list_is_machine_readable()
    {
        var run = CliRun.Start(Repository.Root, null, "rules", "--format", "json");

        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.EnumerateArray().Select(static e => e.GetProperty("id").GetString()).Should().Contain(["PG0001", "PG1001", "PG1023", "PG6001"]);
        var createIndex = json.RootElement.EnumerateArray().Single(static e => e.GetProperty("id").GetString() == "PG1001").GetProperty("hazard");
        createIndex.GetProperty("lock").GetString().Should().Be("SHARE");
        createIndex.GetProperty("effect").GetString().Should().Be("scan");
        createIndex.GetProperty("text").GetString().Should().Be("SHARE, full scan");
        json.RootElement.EnumerateArray().Single(static e => e.GetProperty("id").GetString() == "PG1023").GetProperty("hazard").ValueKind
            .Should().Be(JsonValueKind.Null, "PG1023 reports a missing setting, not a lock");
    }

    [Test]
    public void The_text_list_and_the_documentation_page_show_a_rule_hazard()
    {
        var list = CliRun.Start(Repository.Root, null, "rules");
        var page = CliRun.Start(Repository.Root, null, "rules", "PG1022");

        list.Output.Split('\n').Single(static l => l.StartsWith("PG1022", StringComparison.Ordinal)).Should().EndWith("[ACCESS EXCLUSIVE, data loss]");
        list.Output.Split('\n').Single(static l => l.StartsWith("PG1023", StringComparison.Ordinal)).Should().NotContain("[");
        page.Output.Should().Contain("| Lock | ACCESS EXCLUSIVE, data loss |");
    }

    [Test]
    public void One_rule_by_id_or_name_prints_its_documentation_page()
    {
        var byId = CliRun.Start(Repository.Root, null, "rules", "PG1001");
        var byName = CliRun.Start(Repository.Root, null, "rules", "require-concurrent-index-creation");

        byId.Output.Should().StartWith("# PG1001: require-concurrent-index-creation").And.Contain("## Non-compliant");
        byName.Output.Should().Be(byId.Output);
    }

    [Test]
    public void An_unknown_rule_is_a_usage_error()
    {
        CliRun.Start(Repository.Root, null, "rules", "PG9997").ExitCode.Should().Be(ExitCodes.UsageError);
    }
}
