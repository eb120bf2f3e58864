using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PgLint.TestSupport;

namespace PgLint.Cli.Tests;

/// <summary>Rule packs end to end: packed, resolved from a local NuGet feed, loaded and reported.</summary>
[NonParallelizable]
public sealed class PluginTests
{
    private const string Migration = """
        CREATE TABLE app.invoices (id bigint PRIMARY KEY, total numeric NOT NULL);
        CREATE INDEX CONCURRENTLY invoices_total_idx ON app.invoices (total);
        CREATE TABLE billing.refunds (id bigint PRIMARY KEY);
        """;

    private TempFolder _feed = null!;

    [OneTimeSetUp]
    public void PackTheSampleRulePack()
    {
        _feed = new TempFolder();
        TestPlugins.Pack(TestPlugins.SamplePack, _feed.Path);
    }

    [OneTimeTearDown]
    public void RemoveTheFeed() => _feed.Dispose();

    [Test]
    public void The_sample_pack_by_id_and_version_from_a_local_feed_reports_in_text_and_sarif()
    {
        using var project = new FeedProject(_feed.Path, "Acme.PgLint.Rules@1.2.0");
        var temp = project.Folder;
        temp.Write("db/0001_invoices.sql", Migration);

        var text = CliRun.Start(temp.Path, null, "check", "db", "--no-color", "--verbose");
        var sarif = CliRun.Start(temp.Path, null, "check", "db", "--format", "sarif");

        text.ExitCode.Should().Be(ExitCodes.Findings, text.Error);
        text.Output.Should().Contain("db/0001_invoices.sql:1:14: error[ACME001 require-tenant-id]: Table app.invoices has no tenant_id column")
            .And.Contain("warning[ACME002 index-naming]: Index invoices_total_idx should be named ix_invoices_total.")
            .And.Contain("error[ACME003 forbidden-schema]: Table billing.refunds is created in schema billing");
        text.Error.Should().Contain("pglint: plugin Acme.PgLint.Rules 1.2.0 (SDK 0.1.0): 3 rule(s)")
            .And.MatchRegex(@"1 plugin\(s\) discovered and loaded in \d+\.\d ms");
        File.Exists(Path.Combine(temp.Path, "packages", "acme.pglint.rules", "1.2.0", "acme.pglint.rules.nuspec")).Should().BeTrue("the package is installed into NUGET_PACKAGES");

        var run = JsonNode.Parse(sarif.Output)!["runs"]![0]!;
        var extension = run["tool"]!["extensions"]!.AsArray().Should().ContainSingle().Subject!;
        ((string?)extension["name"]).Should().Be("Acme.PgLint.Rules");
        ((string?)extension["version"]).Should().Be("1.2.0");
        extension["rules"]!.AsArray().Select(static r => (string?)r!["id"]).Should().Equal("ACME001", "ACME002", "ACME003");
        ((string?)extension["rules"]![0]!["helpUri"]).Should().Be("https://wiki.acme.example/pglint/ACME001");
        run["tool"]!["driver"]!["rules"]!.AsArray().Select(static r => (string?)r!["id"]).Should().NotContain(static id => id!.StartsWith("ACME", StringComparison.Ordinal));
        var acme001 = run["results"]!.AsArray().Single(static r => (string?)r!["ruleId"] == "ACME001")!;
        ((int?)acme001["rule"]!["toolComponent"]!["index"]).Should().Be(0);
        ((int?)acme001["rule"]!["index"]).Should().Be(0);
        CheckCommandTests.ShouldPassTheSarifSchema(sarif.Output);
    }

    [Test]
    public void A_nupkg_path_in_the_configuration_is_resolved_against_its_folder()
    {
        using var temp = new TempFolder();
        using var cache = new EnvironmentVariable("PGLINT_PLUGIN_CACHE", Path.Combine(temp.Path, "cache"));
        File.Copy(Path.Combine(_feed.Path, "Acme.PgLint.Rules.1.2.0.nupkg"), Path.Combine(temp.Path, "Acme.PgLint.Rules.1.2.0.nupkg"));
        temp.Write("config/pglint.json", """{ "plugins": ["../Acme.PgLint.Rules.1.2.0.nupkg"], "rules": { "acme": "off", "ACME003": "error" } }""");
        temp.Write("a.sql", Migration);

        var run = CliRun.Start(temp.Path, null, "check", "a.sql", "--config", "config/pglint.json", "--format", "gcc");

        run.Output.Should().Contain("[ACME003]").And.NotContain("[ACME001]");
    }

    [Test]
    public void A_plugin_built_against_an_incompatible_sdk_is_refused_naming_both_versions()
    {
        var plugin = TestPlugins.BuildAsset("Incompatible.PgLint.Rules");

        var run = CliRun.Start(Repository.Root, "SELECT 1;", "check", "-", "--plugin", plugin);

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain("PG0004").And.Contain(
            $"Plugin Incompatible.PgLint.Rules 1.0.0 was built against PgLint SDK 9.0.0; this pglint has SDK {typeof(PgLint.Analysis.Analyzer).Assembly.GetName().Version!.ToString(3)}.");
    }

    [Test]
    public void A_throwing_plugin_rule_is_PG0002_and_every_other_rule_still_reports()
    {
        var plugin = TestPlugins.BuildAsset("Throwing.PgLint.Rules");

        var run = CliRun.Start(Repository.Root, "CREATE INDEX i ON t (a);\nSELECT 1;\n", "check", "-", "--plugin", plugin, "--format", "gcc");

        run.ExitCode.Should().Be(ExitCodes.Findings, run.Error);
        var ids = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => l[(l.LastIndexOf('[') + 1)..^1]);
        ids.Should().BeEquivalentTo(["PG1001", "PG0002", "PG1023", "THROW002", "THROW002"]);
        run.Output.Should().Contain("Rule THROW001 (ThrowingRule) failed on this statement with InvalidOperationException: the rule pack has a bug.")
            .And.Contain("A statement, worded by a private dependency.");
    }

    [Test]
    public void Two_plugins_with_one_rule_id_are_a_configuration_error_naming_both()
    {
        var copycat = TestPlugins.BuildAsset("Copycat.PgLint.Rules");
        using var temp = new TempFolder();
        using var cache = new EnvironmentVariable("PGLINT_PLUGIN_CACHE", temp.Path);

        var run = CliRun.Start(Repository.Root, "SELECT 1;", "check", "-", "--plugin", Path.Combine(_feed.Path, "Acme.PgLint.Rules.1.2.0.nupkg"), "--plugin", copycat);

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain("Rule id ACME001 is defined twice: by Acme.PgLint.Rules.RequireTenantId (Acme.PgLint.Rules) and by Copycat.PgLint.Rules.TenantColumn (Copycat.PgLint.Rules).");
    }

    [Test]
    public void The_rules_command_lists_plugin_rules()
    {
        var plugin = TestPlugins.BuildAsset("Throwing.PgLint.Rules");

        var run = CliRun.Start(Repository.Root, null, "rules", "--plugin", plugin);

        run.ExitCode.Should().Be(ExitCodes.Success, run.Error);
        run.Output.Should().Contain("THROW001").And.Contain("PG1001");
    }

    [Test]
    public void A_package_missing_from_every_source_is_PG0004_naming_it()
    {
        using var project = new FeedProject(_feed.Path, "Acme.PgLint.Rules@9.9.9");

        var run = CliRun.Start(project.Folder.Path, "SELECT 1;", "check", "-");

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain("the package Acme.PgLint.Rules 9.9.9 was found neither in the global packages folder").And.Contain("sources searched: local");
    }

    /// <summary>A project folder whose pglint.json lists one plugin and whose nuget.config names only the test feed; NUGET_PACKAGES points inside it.</summary>
    private sealed class FeedProject : IDisposable
    {
        private readonly EnvironmentVariable _packages;

        public FeedProject(string feed, string plugin)
        {
            Folder = new TempFolder();
            _packages = new EnvironmentVariable("NUGET_PACKAGES", Path.Combine(Folder.Path, "packages"));
            Folder.Write("nuget.config", TestPlugins.NuGetConfig(feed));
            Folder.Write("pglint.json", $$"""{ "plugins": ["{{plugin}}"] }""");
        }

        public TempFolder Folder { get; }

        public void Dispose()
        {
            _packages.Dispose();
            Folder.Dispose();
        }
    }
}
