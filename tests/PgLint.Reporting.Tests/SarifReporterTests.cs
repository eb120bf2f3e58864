using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Json.Schema;
using NUnit.Framework;
using PgLint.Analysis;
using PgLint.Syntax;

namespace PgLint.Reporting.Tests;

public sealed class SarifReporterTests
{
    private const string Migration = """
        CREATE INDEX orders_customer ON orders (customer_id);
        -- pglint-disable-next-line TST1001 -- the table is empty in production
        CREATE INDEX orders_created ON orders (created_at);
        GRANT SELECT ON orders TO reporting;
        SELECT * FROM orders;
        UPDATE orders SET customer_id = 1;

        """;

    private static readonly Lazy<JsonSchema> OfficialSchema = new(static () =>
        JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemata", "sarif-2.1.0.json")));

    [Test]
    public void Log_is_valid_against_the_official_sarif_2_1_0_schema()
    {
        var context = TestRun.Lint(
            [SourceText.From(Migration, "migrations/001_orders.sql"), SourceText.From("SELEC 1;", "migrations/002 broken ä.sql")],
            directives: [new RuleDirective("TST7001", "on", "test")],
            documentation: static id => id == "TST1001" ? "# TST1001\n\nUse `CREATE INDEX CONCURRENTLY`." : null,
            notifications: ["Plugin folder 'plugins' is empty."]);

        var text = new SarifReporter().Render(context);

        var evaluation = OfficialSchema.Value.Evaluate(
            JsonNode.Parse(text),
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (evaluation.Details ?? []).Where(static d => d.HasErrors)
            .SelectMany(static d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"));
        evaluation.IsValid.Should().BeTrue(string.Join('\n', errors) + "\n" + text);
    }

    [Test]
    public void Results_carry_the_footprint_of_their_transaction_and_the_run_that_of_every_file()
    {
        var context = TestRun.Lint(TextReporterTests.LocksInput);

        var text = new SarifReporter().Render(context);

        var run = JsonNode.Parse(text)!["runs"]![0]!;
        OfficialSchema.Value.Evaluate(JsonNode.Parse(text), new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid.Should().BeTrue();
        var files = run["properties"]!["pglint/locks"]!.AsArray();
        files.Select(static f => (string?)f!["path"]).Should().Equal("migrations/002_notes.sql");
        var transactions = files[0]!["transactions"]!.AsArray();
        transactions.Select(static t => ((int)t!["transaction"]!, (string?)t["mode"], (int)t["startLine"]!, (int)t["endLine"]!)).Should().Equal((1, "explicit", 2, 7), (2, "autocommit", 8, 8));
        var orders = transactions[0]!["locks"]![0]!;
        ((string?)orders["table"], (string?)orders["mode"], (int)orders["statements"]!, (int)orders["startLine"]!, (string?)orders["blocks"])
            .Should().Be(("public.orders", "ACCESS EXCLUSIVE", 4, 3, "reads and writes"));

        var grant = run["results"]!.AsArray().Single(static r => (string?)r!["ruleId"] == "TST5001")!;
        ((int)grant["properties"]!["pglint/locks"]!["transaction"]!).Should().Be(1);
        var index = run["results"]!.AsArray().Single(static r => (string?)r!["ruleId"] == "TST1001" && (int)r["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]! == 8)!;
        ((string?)index["properties"]!["pglint/locks"]!["locks"]![0]!["mode"]).Should().Be("SHARE UPDATE EXCLUSIVE");
    }

    [Test]
    public void Rules_of_a_rule_pack_are_described_in_its_tool_extension_and_results_refer_to_it()
    {
        var context = TestRun.Lint(
            [SourceText.From(Migration, "migrations/001_orders.sql")],
            directives: [new RuleDirective("TST6001", "error", "test")],
            rulePacks: [new RulePack("Acme.PgLint.Rules", "1.2.0", ["TST5001", "TST6001"])]);

        var text = new SarifReporter().Render(context);

        var run = JsonNode.Parse(text)!["runs"]![0]!;
        var tool = run["tool"]!;
        tool["driver"]!["rules"]!.AsArray().Select(static r => (string?)r!["id"]).Should().NotContain(["TST5001", "TST6001"]).And.Contain("TST1001");
        var extension = tool["extensions"]!.AsArray().Should().ContainSingle().Subject!;
        ((string?)extension["name"]).Should().Be("Acme.PgLint.Rules");
        ((string?)extension["version"]).Should().Be("1.2.0");
        extension["rules"]!.AsArray().Select(static r => (string?)r!["id"]).Should().Equal("TST5001", "TST6001");
        var results = run["results"]!.AsArray();
        var star = results.Single(static r => (string?)r!["ruleId"] == "TST6001")!;
        star["ruleIndex"].Should().BeNull();
        ((int?)star["rule"]!["index"]).Should().Be(1);
        ((int?)star["rule"]!["toolComponent"]!["index"]).Should().Be(0);
        var index = results.First(static r => (string?)r!["ruleId"] == "TST1001")!;
        index["rule"].Should().BeNull();
        ((int?)index["ruleIndex"]).Should().Be(tool["driver"]!["rules"]!.AsArray().Select(static r => (string?)r!["id"]).ToList().IndexOf("TST1001"));
        var overrideOfStar = run["invocations"]![0]!["ruleConfigurationOverrides"]!.AsArray().Single(static o => (string?)o!["descriptor"]!["id"] == "TST6001")!;
        ((string?)overrideOfStar["descriptor"]!["toolComponent"]!["name"]).Should().Be("Acme.PgLint.Rules");
        OfficialSchema.Value.Evaluate(JsonNode.Parse(text), new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid.Should().BeTrue();
    }

    [Test]
    public void Log_of_a_small_migration_matches_the_golden_file()
    {
        var context = TestRun.Lint(
            [SourceText.From(Migration, "migrations/001_orders.sql")],
            documentation: static id => id == "TST1001" ? "# TST1001\n\nUse `CREATE INDEX CONCURRENTLY`." : null,
            notifications: ["Plugin folder 'plugins' is empty."]);

        var text = new SarifReporter().Render(context);

        Golden.Verify("sarif-report.sarif", text.Replace(new Uri(TestRun.BaseDirectory + Path.DirectorySeparatorChar).AbsoluteUri, "file:///BASE/", StringComparison.Ordinal));
    }

    [Test]
    public void Schema_validation_catches_an_invalid_log()
    {
        var log = Sarif(TestRun.Lint(Migration));
        log["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"] = 0;

        OfficialSchema.Value.Evaluate(log, new EvaluationOptions { RequireFormatValidation = true }).IsValid.Should().BeFalse("the schema check must be able to fail");
    }

    [Test]
    public void Log_names_the_schema_the_version_and_one_run_of_PgLint()
    {
        var log = Sarif(TestRun.Lint(Migration));

        ((string?)log["$schema"]).Should().Be("https://json.schemastore.org/sarif-2.1.0.json");
        ((string?)log["version"]).Should().Be("2.1.0");
        log["runs"]!.AsArray().Should().ContainSingle();
        var driver = Run(log)["tool"]!["driver"]!;
        ((string?)driver["name"]).Should().Be("PgLint");
        ((string?)driver["semanticVersion"]).Should().Be("1.2.3");
        ((string?)driver["version"]).Should().Be("1.2.3");
        ((string?)driver["informationUri"]).Should().Be(SarifReporter.ToolInformationUri);
        ((string?)Run(log)["columnKind"]).Should().Be("utf16CodeUnits");
    }

    [Test]
    public void Region_columns_count_utf16_code_units_after_non_ascii_text_with_crlf_and_a_bom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("SELECT 1;\r\n/* größe 🚀 */ CREATE INDEX i ON orders (customer_id);\r\n")];
        var context = TestRun.Lint([SourceText.FromBytes(bytes, "migrations/001.sql")]);

        var region = Result(Sarif(context), "TST1001")["locations"]![0]!["physicalLocation"]!["region"]!;

        // "/* größe " is 9 code units, the rocket 2, " */ CREATE INDEX i ON " 22: "orders" is columns 34 to 40 of line 2.
        ((int?)region["startLine"]).Should().Be(2);
        ((int?)region["startColumn"]).Should().Be(34);
        ((int?)region["endLine"]).Should().Be(2);
        ((int?)region["endColumn"]).Should().Be(40);
        ((int?)region["charOffset"]).Should().Be(11 + 33, "the byte order mark is not text; \"SELECT 1;\\r\\n\" is 11 code units");
        ((int?)region["charLength"]).Should().Be(6);
        ((string?)region["snippet"]!["text"]).Should().Be("orders");
    }

    [Test]
    public void Uri_is_relative_to_srcroot_with_forward_slashes_and_escaped()
    {
        var context = TestRun.Lint([SourceText.From("SELECT * FROM t;", Path.Combine("db", "mïgrations", "001 init.sql"))]);
        var log = Sarif(context);

        var artifact = Result(log, "TST6001")["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;

        ((string?)artifact["uri"]).Should().Be("db/m%C3%AFgrations/001%20init.sql");
        ((string?)artifact["uriBaseId"]).Should().Be("%SRCROOT%");
        var root = (string?)Run(log)["originalUriBaseIds"]!["%SRCROOT%"]!["uri"];
        root.Should().Be(new Uri(TestRun.BaseDirectory + Path.DirectorySeparatorChar).AbsoluteUri).And.StartWith("file:///").And.EndWith("/");
        var artifacts = Run(log)["artifacts"]!.AsArray();
        ((string?)artifacts[(int)artifact["index"]!]!["location"]!["uri"]).Should().Be("db/m%C3%AFgrations/001%20init.sql");
    }

    [Test]
    public void A_file_outside_the_base_directory_has_an_absolute_file_uri()
    {
        var outside = Path.Combine(Path.GetTempPath(), "pglint-reporting-tests", "elsewhere", "x.sql");
        var log = Sarif(TestRun.Lint([SourceText.From("SELECT * FROM t;", outside)]));

        var artifact = Result(log, "TST6001")["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;

        ((string?)artifact["uri"]).Should().Be(new Uri(outside).AbsoluteUri);
        artifact["uriBaseId"].Should().BeNull();
    }

    [Test]
    public void Rules_carry_their_metadata()
    {
        var log = Sarif(TestRun.Lint(Migration, directives: [new RuleDirective("TST1001", "error", "test")]));
        var index = Rule(log, "TST1001");

        ((string?)index["name"]).Should().Be("index-creation");
        ((string?)index["shortDescription"]!["text"]).Should().Be("Create indexes concurrently");
        ((string?)index["fullDescription"]!["text"]).Should().Be("A plain CREATE INDEX holds a SHARE lock on the table for the whole build.");
        ((string?)index["helpUri"]).Should().Be("https://github.com/pglint/pglint/blob/main/docs/rules/TST1001.md");
        ((string?)index["help"]!["text"]).Should().Contain("SHARE lock").And.Contain("TST1001.md");
        ((string?)index["help"]!["markdown"]).Should().Contain("**Create indexes concurrently**").And.Contain("(https://github.com/pglint/pglint/blob/main/docs/rules/TST1001.md)");
        ((string?)index["defaultConfiguration"]!["level"]).Should().Be("warning", "the default stays the rule's own; the configured level is an override");
        index["properties"]!["tags"]!.AsArray().Select(static t => (string?)t).Should().Equal("migration-safety", "locking");
        ((string?)Rule(log, "TST6001")["defaultConfiguration"]!["level"]).Should().Be("note");

        var overrides = Run(log)["invocations"]![0]!["ruleConfigurationOverrides"]!.AsArray();
        overrides.Should().ContainSingle();
        ((string?)overrides[0]!["descriptor"]!["id"]).Should().Be("TST1001");
        ((string?)overrides[0]!["configuration"]!["level"]).Should().Be("error");
    }

    [Test]
    public void Help_markdown_is_the_rule_page_when_there_is_one()
    {
        var context = TestRun.Lint([SourceText.From(Migration, "a.sql")], documentation: static id => id == "TST1001" ? "# TST1001\n\nWhy." : null);

        ((string?)Rule(Sarif(context), "TST1001")["help"]!["markdown"]).Should().Be("# TST1001\n\nWhy.");
    }

    [Test]
    public void Rules_are_the_enabled_ones_and_an_opt_in_rule_says_it_is_off_by_default()
    {
        var withDefaults = Sarif(TestRun.Lint(Migration));
        var optedIn = Sarif(TestRun.Lint(Migration, directives: [new RuleDirective("TST7001", "on", "test"), new RuleDirective("TST6001", "off", "test")]));

        RuleIds(withDefaults).Should().Equal("PG0001", "PG0002", "PG0003", "PG0004", "PG0005", "TST1001", "TST5001", "TST6001", "TST9001");
        RuleIds(optedIn).Should().Equal("PG0001", "PG0002", "PG0003", "PG0004", "PG0005", "TST1001", "TST5001", "TST7001", "TST9001");
        var dropTable = Rule(optedIn, "TST7001");
        ((bool?)dropTable["defaultConfiguration"]!["enabled"]).Should().BeFalse();
        var enabled = Run(optedIn)["invocations"]![0]!["ruleConfigurationOverrides"]!.AsArray().Single(static o => (string?)o!["descriptor"]!["id"] == "TST7001")!;
        ((bool?)enabled["configuration"]!["enabled"]).Should().BeTrue();
        ((int?)enabled["descriptor"]!["index"]).Should().Be(RuleIds(optedIn).IndexOf("TST7001"), "the override points at the rule's place in tool.driver.rules");
    }

    [Test]
    public void Rule_index_points_at_the_rule_of_each_result()
    {
        var run = Run(Sarif(TestRun.Lint(Migration)));
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();

        var results = run["results"]!.AsArray();
        results.Select(static r => (string?)r!["ruleId"]).Should().BeEquivalentTo(["TST1001", "TST1001", "TST5001", "TST6001", "PG0002"]);
        foreach (var result in results)
        {
            ((string?)rules[(int)result!["ruleIndex"]!]!["id"]).Should().Be((string?)result["ruleId"]);
        }
    }

    [Test]
    public void Result_level_is_the_effective_severity_and_always_written()
    {
        var log = Sarif(TestRun.Lint(Migration, directives: [new RuleDirective("TST5001", "warning", "test")]));

        ((string?)Result(log, "TST1001")["level"]).Should().Be("warning");
        ((string?)Result(log, "TST5001")["level"]).Should().Be("warning");
        ((string?)Result(log, "TST6001")["level"]).Should().Be("note");
    }

    [Test]
    public void Results_carry_the_fingerprint_of_each_finding()
    {
        var context = TestRun.Lint(Migration);
        var expected = context.Result.Diagnostics.Single(static d => d.Id == "TST5001").Fingerprint;

        var fingerprints = Result(Sarif(context), "TST5001")["partialFingerprints"]!;

        expected.Should().NotBeNullOrEmpty();
        ((string?)fingerprints["pglint/v1"]).Should().Be(expected);
    }

    [Test]
    public void Fixes_replace_an_empty_region_at_the_insertion_point()
    {
        var log = Sarif(TestRun.Lint("SELECT 1;\nCREATE INDEX i ON orders (customer_id);\n"));

        var fix = Result(log, "TST1001")["fixes"]!.AsArray().Should().ContainSingle().Subject!;

        ((string?)fix["description"]!["text"]).Should().Be("Insert CONCURRENTLY");
        var change = fix["artifactChanges"]!.AsArray().Should().ContainSingle().Subject!;
        ((string?)change["artifactLocation"]!["uri"]).Should().Be("migrations/001.sql");
        ((string?)change["artifactLocation"]!["uriBaseId"]).Should().Be("%SRCROOT%");
        var replacement = change["replacements"]!.AsArray().Should().ContainSingle().Subject!;
        var deleted = replacement["deletedRegion"]!;
        ((int?)deleted["startLine"]).Should().Be(2);
        ((int?)deleted["startColumn"]).Should().Be(14);
        ((int?)deleted["endLine"]).Should().Be(2);
        ((int?)deleted["endColumn"]).Should().Be(14);
        ((int?)deleted["charOffset"]).Should().Be(10 + 13);
        ((int?)deleted["charLength"] ?? 0).Should().Be(0);
        ((string?)replacement["insertedContent"]!["text"]).Should().Be("CONCURRENTLY ");
        ((string?)fix["properties"]!["safety"]).Should().Be("unsafe");
        ((bool?)fix["properties"]!["validInTransactionBlock"]).Should().BeFalse();
    }

    [Test]
    public void Suppressed_findings_are_results_with_an_in_source_suppression_and_its_justification()
    {
        var results = Run(Sarif(TestRun.Lint(Migration)))["results"]!.AsArray();

        var suppressed = results.Where(static r => r!["suppressions"]!.AsArray().Count > 0).Should().ContainSingle().Subject!;
        ((string?)suppressed["ruleId"]).Should().Be("TST1001");
        ((int?)suppressed["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]).Should().Be(3);
        var suppression = suppressed["suppressions"]![0]!;
        ((string?)suppression["kind"]).Should().Be("inSource");
        ((string?)suppression["status"]).Should().Be("accepted");
        ((string?)suppression["justification"]).Should().Be("the table is empty in production");
        ((int?)suppression["location"]!["physicalLocation"]!["region"]!["startLine"]).Should().Be(2);
        results.Should().AllSatisfy(static r => r!["suppressions"].Should().NotBeNull("SARIF wants suppressions on every result once one has them"));
    }

    [Test]
    public void A_clean_run_has_an_empty_results_array()
    {
        var run = Run(Sarif(TestRun.Lint("SELECT 1;")));

        run["results"]!.AsArray().Should().BeEmpty("no results is not the same as a run that produced none");
    }

    [Test]
    public void Without_suppressed_findings_results_have_no_suppressions()
    {
        var results = Run(Sarif(TestRun.Lint("SELECT * FROM t;")))["results"]!.AsArray();

        results.Should().ContainSingle().Which!["suppressions"].Should().BeNull();
    }

    [Test]
    public void A_rule_with_a_hazard_names_its_lock_and_effect_in_its_properties()
    {
        var optedIn = Sarif(TestRun.Lint(Migration, directives: [new RuleDirective("TST7001", "on", "test")]));

        ((string?)Rule(optedIn, "TST7001")["properties"]!["pglint/lock"]).Should().Be("ACCESS EXCLUSIVE");
        ((string?)Rule(optedIn, "TST7001")["properties"]!["pglint/effect"]).Should().Be("data-loss");
        Rule(optedIn, "TST1001")["properties"]!["pglint/lock"].Should().BeNull("a rule without a hazard has no lock property");
    }

    [Test]
    public void A_security_rule_has_a_security_severity_from_its_level()
    {
        var defaults = Sarif(TestRun.Lint(Migration));
        var lowered = Sarif(TestRun.Lint(Migration, directives: [new RuleDirective("TST5001", "info", "test")]));

        ((string?)Rule(defaults, "TST5001")["properties"]!["security-severity"]).Should().Be("8.0");
        ((string?)Rule(lowered, "TST5001")["properties"]!["security-severity"]).Should().Be("2.0");
        Rule(defaults, "TST1001")["properties"]!["security-severity"].Should().BeNull();
        Rule(defaults, "TST5001")["properties"]!["tags"]!.AsArray().Select(static t => (string?)t).Should().Equal("security");
    }

    [Test]
    public void A_finding_about_a_database_object_has_a_logical_location()
    {
        var logical = Result(Sarif(TestRun.Lint(Migration)), "TST5001")["locations"]![0]!["logicalLocations"]!.AsArray().Should().ContainSingle().Subject!;

        ((string?)logical["name"]).Should().Be("orders");
        ((string?)logical["fullyQualifiedName"]).Should().Be("public.orders");
        ((string?)logical["kind"]).Should().Be("table");
    }

    [Test]
    public void Invocation_records_the_command_line_times_success_and_notifications()
    {
        var context = TestRun.Lint([SourceText.From(Migration, "a.sql")], notifications: ["Plugin folder 'plugins' is empty."]);

        var invocation = Run(Sarif(context))["invocations"]!.AsArray().Should().ContainSingle().Subject!;

        ((bool?)invocation["executionSuccessful"]).Should().BeTrue();
        ((string?)invocation["commandLine"]).Should().Be("pglint check migrations --format sarif");
        ((string?)invocation["startTimeUtc"]).Should().Be("2025-03-04T05:06:07.000Z");
        ((string?)invocation["endTimeUtc"]).Should().Be("2025-03-04T05:06:07.012Z");
        var notifications = invocation["toolExecutionNotifications"]!.AsArray();
        notifications.Should().HaveCount(2);
        ((string?)notifications[0]!["message"]!["text"]).Should().Be("Plugin folder 'plugins' is empty.");
        ((string?)notifications[1]!["level"]).Should().Be("error");
        ((string?)notifications[1]!["message"]!["text"]).Should().StartWith("Rule TST9001 ");
        ((int?)notifications[1]!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]).Should().Be(6);
        Result(Sarif(context), "PG0002").Should().NotBeNull("a failing rule stays a result too");
    }

    [Test]
    public void Invocation_leaves_out_what_the_caller_did_not_say()
    {
        var linted = TestRun.Lint(Migration);
        var context = new ReportContext { Result = linted.Result, Registry = linted.Registry, Settings = linted.Settings, BaseDirectory = TestRun.BaseDirectory };

        var run = Run(Sarif(context));

        var invocation = run["invocations"]![0]!;
        ((bool?)invocation["executionSuccessful"]).Should().BeTrue();
        invocation["startTimeUtc"].Should().BeNull();
        invocation["endTimeUtc"].Should().BeNull();
        invocation["commandLine"].Should().BeNull();
        ((string?)run["tool"]!["driver"]!["semanticVersion"]).Should().Be(ReportContext.DefaultToolVersion).And.MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Test]
    public void With_a_baseline_every_result_has_a_baseline_state()
    {
        var linted = TestRun.Lint(Migration);
        var context = new ReportContext { Result = linted.Result, Registry = linted.Registry, Settings = linted.Settings, BaseDirectory = TestRun.BaseDirectory, UsesBaseline = true };

        Run(Sarif(context))["results"]!.AsArray().Select(static r => (string?)r!["baselineState"]).Should().OnlyContain(static s => s == "new");
        Run(Sarif(linted))["results"]!.AsArray().Should().OnlyContain(static r => r!["baselineState"] == null);
    }

    [Test]
    public void Result_properties_are_the_finding_properties()
    {
        var result = Result(Sarif(TestRun.Lint(Migration)), "TST1001");

        ((string?)result["properties"]!["lockMode"]).Should().Be("Share");
    }

    [Test]
    public void Past_the_code_scanning_result_limit_the_most_severe_results_are_kept_and_the_rest_announced()
    {
        var sql = string.Concat(Enumerable.Repeat("CREATE INDEX i ON orders (customer_id);\n", SarifReporter.MaxResults + 5))
            + "GRANT SELECT ON orders TO a;\nGRANT SELECT ON orders TO b;\n";

        var run = Sarif(TestRun.Lint(sql))["runs"]![0]!;

        var results = run["results"]!.AsArray();
        results.Should().HaveCount(SarifReporter.MaxResults);
        results.Count(static r => (string?)r!["ruleId"] == "TST5001").Should().Be(2, "errors outrank warnings");
        var notification = run["invocations"]![0]!["toolExecutionNotifications"]!.AsArray().Single()!;
        ((string?)notification["message"]!["text"]).Should().StartWith("7 findings were left out of this SARIF file");
    }

    private static JsonNode Sarif(ReportContext context) => JsonNode.Parse(new SarifReporter().Render(context))!;

    private static JsonNode Run(JsonNode log) => log["runs"]![0]!;

    private static JsonNode Rule(JsonNode log, string id) =>
        Run(log)["tool"]!["driver"]!["rules"]!.AsArray().Single(r => (string?)r!["id"] == id)!;

    private static List<string?> RuleIds(JsonNode log) =>
        [.. Run(log)["tool"]!["driver"]!["rules"]!.AsArray().Select(static r => (string?)r!["id"])];

    private static JsonNode Result(JsonNode log, string ruleId) =>
        Run(log)["results"]!.AsArray().First(r => (string?)r!["ruleId"] == ruleId)!;
}
