using System.Collections.Immutable;
using PgLint.Rules.Correctness;
using PgLint.Syntax;
using PgQuery;
using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.ComparisonWithNull>;

namespace PgLint.Rules.Tests.Testing;

/// <summary>The testing kit that rule authors get: it must fail loudly and readably.</summary>
public sealed class AnalyzerVerifierTests
{
    [Test]
    public void Markup_is_removed_and_its_spans_are_kept()
    {
        var markup = TestMarkup.Parse("SELECT [|a = NULL|] OR {|PG0001:b|}");

        markup.Source.Should().Be("SELECT a = NULL OR b");
        markup.Expected.Should().Equal(new ExpectedDiagnostic(null, new TextSpan(7, 8)), new ExpectedDiagnostic("PG0001", new TextSpan(19, 1)));
    }

    [Test]
    public void Nested_markup_gives_both_spans() =>
        TestMarkup.Parse("{|PG1:x [|y|] z|}").Expected.Should().Equal(
            new ExpectedDiagnostic("PG1", new TextSpan(0, 5)),
            new ExpectedDiagnostic(null, new TextSpan(2, 1)));

    [Test]
    public void Unclosed_markup_is_an_error() =>
        FluentActions.Invoking(static () => TestMarkup.Parse("SELECT [|a")).Should().Throw<VerificationException>().WithMessage("*never closed*");

    [Test]
    public void Rendering_diagnostics_as_markup_round_trips()
    {
        var source = "SELECT a = NULL OR b";
        var rendered = TestMarkup.Render(source, [("PG6001", new TextSpan(7, 8)), ("PG0001", new TextSpan(19, 1))], "PG6001");

        rendered.Should().Be("SELECT [|a = NULL|] OR {|PG0001:b|}");
    }

    [Test]
    public void Crlf_line_ends_and_non_ascii_text_keep_spans_and_suppressions_right() =>
        Verifier.Verify("SELECT 'Größe' AS label, '\U0001F600' AS smile\r\nFROM t\r\n    WHERE [|label = NULL|];\r\n");

    [Test]
    public void A_missing_diagnostic_fails_with_expected_actual_and_source()
    {
        var act = static () => Verifier.Verify("SELECT 1 WHERE [|a IS NULL|];");

        act.Should().Throw<VerificationException>()
            .Which.Message.Should().ContainAll("Expected:", "1:16-1:25 PG6001 «a IS NULL»", "Actual:", "(none)", "- 1:16-1:25 PG6001", "Source:", "1 | SELECT 1 WHERE a IS NULL;");
    }

    [Test]
    public void An_unexpected_diagnostic_fails_and_shows_the_actual_markup()
    {
        var act = static () => Verifier.Verify("SELECT 1 WHERE a = NULL;");

        act.Should().Throw<VerificationException>()
            .Which.Message.Should().ContainAll("+ 1:16-1:24 PG6001 a = NULL is never true", "SELECT 1 WHERE [|a = NULL|];");
    }

    [Test]
    public void A_syntax_error_is_never_ignored() =>
        FluentActions.Invoking(static () => Verifier.Verify("SELEC 1;")).Should().Throw<VerificationException>().WithMessage("*PG0001*");

    [Test]
    public void A_wrong_message_fails() =>
        FluentActions.Invoking(static () => Verifier.Verify("SELECT 1 WHERE [|a = NULL|];", new VerifyOptions { ExpectedMessages = ["something else"] }))
            .Should().Throw<VerificationException>().WithMessage("*messages differ*something else*a = NULL is never true*");

    [Test]
    public void An_analyzer_that_keeps_state_in_a_field_fails_the_determinism_check() =>
        FluentActions.Invoking(static () => AnalyzerVerifier<StatefulAnalyzer>.Verify("SELECT 1;"))
            .Should().Throw<VerificationException>().WithMessage("*twice*");

    [Test]
    public void An_analyzer_whose_location_moves_away_from_its_statement_fails_the_suppression_check() =>
        FluentActions.Invoking(static () => AnalyzerVerifier<FixedOffsetAnalyzer>.Verify("[|SELECT 1|];\nSELECT 2;"))
            .Should().Throw<VerificationException>().WithMessage("*pglint-disable-next-line PG9999*");

    [Test]
    public void A_fix_that_breaks_the_syntax_fails() =>
        FluentActions.Invoking(static () => AnalyzerVerifier<BrokenFixAnalyzer>.VerifyFix("[|SELECT 1|];", "SELECT 1 FROM;"))
            .Should().Throw<VerificationException>().WithMessage("*does not parse*");

    [Test]
    public void A_diagnostic_without_a_fix_fails_verify_fix() =>
        FluentActions.Invoking(static () => Verifier.VerifyFix("SELECT 1 WHERE [|a = NULL::text|];", "SELECT 1 WHERE a IS NULL;"))
            .Should().Throw<VerificationException>().WithMessage("No fix was offered*");

    [Test]
    public void Lint_for_test_uses_default_rule_states()
    {
        var diagnostics = AnalyzerVerifier.LintForTest("SELECT 1 WHERE a = NULL;", [new ComparisonWithNull(), new OffByDefaultAnalyzer()]);

        diagnostics.Select(static d => d.Id).Should().Equal("PG6001");
    }

    /// <summary>Reports every second statement it sees, counting in a field shared by all files.</summary>
    public sealed class StatefulAnalyzer : Analyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("PG9998", "stateful", "Test", "Statement {0}.", "test", Severity.Warning);
        private int _count;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context) =>
            context.RegisterStatementAction(c =>
            {
                if (Interlocked.Increment(ref _count) % 2 == 0)
                {
                    c.ReportOnStatement(Rule, _count);
                }
            });
    }

    /// <summary>Reports the file's first eight characters, whatever they are, when it sees the second statement.</summary>
    public sealed class FixedOffsetAnalyzer : Analyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("PG9999", "file-start", "Test", "Statement.", "test", Severity.Warning);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context) =>
            context.RegisterStatementAction(static c =>
            {
                if (c.Statement.Ordinal == 1)
                {
                    c.Report(Rule, new TextSpan(0, 8));
                }
            });
    }

    /// <summary>Offers a fix that does not parse.</summary>
    public sealed class BrokenFixAnalyzer : Analyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("PG9997", "broken-fix", "Test", "Statement.", "test", Severity.Warning);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context) =>
            context.RegisterNodeAction<SelectStmt>(static c =>
                c.Report(Rule, c.Statement.Span, new Fix("Break it", [TextEdit.Insert(c.Statement.Span.End, " FROM")])));
    }

    /// <summary>An opt-in rule that reports everything.</summary>
    public sealed class OffByDefaultAnalyzer : Analyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("PG9996", "off-by-default", "Test", "Statement.", "test", Severity.Info, isEnabledByDefault: false);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context) =>
            context.RegisterStatementAction(static c => c.ReportOnStatement(Rule));
    }

    [Test]
    public void A_fixture_folder_verifies_markup_and_fixed_text_per_file() =>
        InFixtureFolder(
            static folder =>
            {
                Fixtures.Find(folder).Select(Path.GetFileName).Should().Equal("compliant.sql", "equals-null.sql");
                FluentActions.Invoking(() => Verifier.VerifyFixtures(folder)).Should().NotThrow();
            },
            ("compliant.sql", "SELECT id FROM orders WHERE shipped_at IS NULL;"),
            ("equals-null.sql", "SELECT id FROM orders WHERE [|shipped_at = NULL|];"),
            ("equals-null.fixed.sql", "SELECT id FROM orders WHERE shipped_at IS NULL;"));

    [Test]
    public void Failing_fixtures_are_all_reported_by_file() =>
        InFixtureFolder(
            static folder => FluentActions.Invoking(() => Verifier.VerifyFixtures(folder)).Should().Throw<VerificationException>()
                .Which.Message.Should().StartWith("2 of 2 fixtures failed.")
                .And.Contain(Path.Combine(folder, "a.sql") + ": The diagnostics differ from the markup.")
                .And.Contain(Path.Combine(folder, "b.sql") + ": "),
            ("a.sql", "SELECT 1 WHERE x = NULL;"),
            ("b.sql", "SELECT 1 WHERE [|x = NULL|];"),
            ("b.fixed.sql", "SELECT 1 WHERE x IS NOT NULL;"));

    private static void InFixtureFolder(Action<string> test, params (string Name, string Text)[] files)
    {
        var folder = Directory.CreateTempSubdirectory("pglint-fixtures-").FullName;
        try
        {
            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(folder, name), text);
            }

            test(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
