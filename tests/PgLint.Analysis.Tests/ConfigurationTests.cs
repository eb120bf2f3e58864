using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Analysis.Tests;

public sealed class ConfigurationTests
{
    private static readonly RuleRegistry Registry = new([new RecordingAnalyzer(), new PerFileCounter()]);

    [Test]
    public void An_unknown_key_is_an_error_naming_the_key()
    {
        var act = () => PgLintConfiguration.Parse("""{ "rulez": {} }""", "pglint.json");

        act.Should().Throw<ConfigurationException>().WithMessage("pglint.json: unknown key 'rulez'*");
    }

    [Test]
    public void An_unknown_rule_is_an_error_naming_the_rule()
    {
        var config = PgLintConfiguration.Parse("""{ "rules": { "PG9999": "off" } }""", "pglint.json");

        var act = () => config.CreateSettings(Registry);

        act.Should().Throw<ConfigurationException>().WithMessage("pglint.json: rules.PG9999: unknown rule or category 'PG9999'.");
    }

    [Test]
    public void An_unknown_level_is_an_error_naming_the_value()
    {
        var config = PgLintConfiguration.Parse("""{ "rules": { "TST001": "loud" } }""", "pglint.json");

        var act = () => config.CreateSettings(Registry);

        act.Should().Throw<ConfigurationException>().WithMessage("*unknown level 'loud' for 'TST001'*");
    }

    [Test]
    public void A_bad_version_is_an_error_naming_the_key()
    {
        var act = () => PgLintConfiguration.Parse("""{ "pgVersion": "fifteen" }""", "pglint.json");

        act.Should().Throw<ConfigurationException>().WithMessage("*'pgVersion'*fifteen*");
    }

    [Test]
    public void Invalid_json_is_an_error_naming_the_file()
    {
        var act = () => PgLintConfiguration.Parse("{ \"rules\": ", "conf/pglint.json");

        act.Should().Throw<ConfigurationException>().WithMessage("conf/pglint.json: not valid JSON*");
    }

    [Test]
    public void Unknown_rule_options_and_wrong_value_kinds_are_errors()
    {
        var unknownOption = PgLintConfiguration.Parse("""{ "ruleOptions": { "TST004": { "maximum": 3 } } }""", "pglint.json");
        var wrongKind = PgLintConfiguration.Parse("""{ "ruleOptions": { "TST004": { "minimum": "3" } } }""", "pglint.json");

        unknownOption.Invoking(c => c.CreateSettings(Registry)).Should().Throw<ConfigurationException>()
            .WithMessage("pglint.json: unknown option 'maximum' for TST004 (known: minimum).");
        wrongKind.Invoking(c => c.CreateSettings(Registry)).Should().Throw<ConfigurationException>()
            .WithMessage("pglint.json: 'ruleOptions.TST004.minimum' must be a whole number.");
    }

    [Test]
    public void A_category_applies_first_and_a_single_rule_overrides_it_whatever_the_order()
    {
        var config = PgLintConfiguration.Parse("""{ "rules": { "TST004": "warning", "test": "off" } }""", "pglint.json");

        var settings = config.CreateSettings(Registry);

        settings.GetState(PerFileCounter.Count).Should().Be(new RuleState(true, Severity.Warning));
        settings.GetState(RecordingAnalyzer.IndexSeen).Enabled.Should().BeFalse();
    }

    [Test]
    public void Command_line_directives_come_after_the_file()
    {
        var config = PgLintConfiguration.Parse("""{ "pgVersion": 13, "assumeInTransaction": true, "rules": { "index-seen": "off" } }""", "pglint.json");

        var settings = config.CreateSettings(Registry, [new RuleDirective("TST001", "on", "--enable")], postgresVersion: null, assumeInTransaction: null);

        settings.IsEnabled(RecordingAnalyzer.IndexSeen).Should().BeTrue();
        settings.GetState(RecordingAnalyzer.IndexSeen).Severity.Should().Be(Severity.Warning);
        settings.PostgresVersion.Should().Be(new PostgresVersion(13, 0));
        settings.AssumeInTransaction.Should().BeTrue();
    }

    [Test]
    public void Two_rules_with_one_id_are_an_error_naming_both_owners()
    {
        var act = () => new RuleRegistry([new RecordingAnalyzer(), new DuplicateIdAnalyzer()]);

        act.Should().Throw<ConfigurationException>().WithMessage("Rule id TST001 is defined twice: by *RecordingAnalyzer* and by *DuplicateIdAnalyzer*.");
    }

    [Test]
    public void The_nearest_configuration_file_is_found_upward()
    {
        var root = Directory.CreateTempSubdirectory("pglint-config-");
        try
        {
            var nested = Directory.CreateDirectory(Path.Combine(root.FullName, "a", "b"));
            File.WriteAllText(Path.Combine(root.FullName, "pglint.json"), "{}");

            PgLintConfiguration.FindNearest(nested.FullName).Should().Be(Path.Combine(root.FullName, "pglint.json"));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private sealed class DuplicateIdAnalyzer : Analyzer
    {
        private static readonly DiagnosticDescriptor Same = new("TST001", "other", "Other", "Other.", "test", Severity.Info);

        public override System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Same];

        public override void Initialize(AnalysisContext context)
        {
        }
    }
}

public sealed class ProfileTests
{
    private static readonly DiagnosticDescriptor PolicyRule = new(
        "TST900",
        "policy-rule",
        "A rule teams disagree on",
        "Policy.",
        RuleCategory.Conventions,
        Severity.Info,
        isEnabledByDefault: false,
        profileLevels: new Dictionary<string, string> { [Profiles.ExtensionScript] = "error", [Profiles.Queries] = "off" });

    private static readonly RuleRegistry Registry = new([new DescriptorOnly(PolicyRule)]);

    [Test]
    public void The_default_profile_keeps_the_rule_default()
    {
        var settings = new LintSettings(Registry);

        settings.Profile.Should().Be("app-migration");
        settings.GetState(PolicyRule).Should().Be(new RuleState(false, Severity.Info));
    }

    [Test]
    public void A_profile_changes_the_level_of_the_rules_that_name_it()
    {
        var settings = PgLintConfiguration.Parse("""{ "profile": "extension-script" }""", "pglint.json").CreateSettings(Registry);

        settings.GetState(PolicyRule).Should().Be(new RuleState(true, Severity.Error));
    }

    [Test]
    public void Configured_levels_win_over_the_profile()
    {
        var settings = PgLintConfiguration.Parse("""{ "profile": "extension-script", "rules": { "TST900": "warning" } }""", "pglint.json").CreateSettings(Registry);

        settings.GetState(PolicyRule).Should().Be(new RuleState(true, Severity.Warning));
    }

    [Test]
    public void The_command_line_profile_wins_over_the_file()
    {
        var settings = PgLintConfiguration.Parse("""{ "profile": "extension-script" }""", "pglint.json").CreateSettings(Registry, profile: Profiles.Queries);

        settings.GetState(PolicyRule).Enabled.Should().BeFalse();
    }

    [Test]
    public void An_unknown_profile_is_an_error_naming_the_value()
    {
        var act = () => PgLintConfiguration.Parse("""{ "profile": "strict" }""", "pglint.json");

        act.Should().Throw<ConfigurationException>().WithMessage("pglint.json: 'profile' must be one of \"app-migration\", \"extension-script\", \"queries\", not \"strict\".");
    }

    [Test]
    public void A_descriptor_with_an_unknown_level_for_a_profile_is_rejected()
    {
        var act = () => new DiagnosticDescriptor("TST901", "bad", "Bad", "Bad.", RuleCategory.Conventions, Severity.Info, profileLevels: new Dictionary<string, string> { [Profiles.Queries] = "loud" });

        act.Should().Throw<ArgumentException>().WithMessage("*unknown level 'loud' for profile 'queries'*");
    }

    private sealed class DescriptorOnly(DiagnosticDescriptor descriptor) : Analyzer
    {
        public override System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [descriptor];

        public override void Initialize(AnalysisContext context)
        {
        }
    }
}
