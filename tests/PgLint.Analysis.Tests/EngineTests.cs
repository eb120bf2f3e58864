using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Analysis.Tests;

public sealed class EngineTests
{
    [Test]
    public void Actions_run_in_source_order_with_start_and_end_actions_around_them()
    {
        var recorder = new RecordingAnalyzer();

        Lint.Run([recorder], files: ["SELECT * FROM a; CREATE INDEX i ON b (x);", "SELECT 1;"]);

        recorder.Events.Should().Equal(
            "set-start 2",
            "doc-start 0",
            "statement SELECT * FROM a",
            "range-var a under from_clause",
            "statement CREATE INDEX i ON b (x)",
            "range-var b under relation",
            "doc-end 0",
            "doc-start 1",
            "statement SELECT 1",
            "doc-end 1",
            "set-end");
    }

    [Test]
    public void A_syntax_error_is_PG0001_and_the_other_statements_are_still_analysed()
    {
        var result = Lint.Run([new RecordingAnalyzer()], files: ["CREATE INDEX a ON t (x);\nCREATE INDEX b ON t (y);\nthis is garbage;\nCREATE INDEX c ON t (z);\n"]);

        var diagnostics = result.Diagnostics.OrderBy(static d => d.Location.Span.Start).ToList();
        diagnostics.Select(static d => (d.Id, d.Location.LineSpan.Start.Line)).Should().Equal(
            ("TST001", 1), ("TST001", 2), ("PG0001", 3), ("TST001", 4));
        diagnostics[2].Message.Should().Be("PostgreSQL cannot parse this statement: syntax error at or near \"this\".");
        diagnostics[2].Location.LineSpan.Start.Column.Should().Be(1);
    }

    [Test]
    public void A_rule_that_throws_becomes_PG0002_once_per_file_and_other_rules_still_report()
    {
        var result = Lint.Run([new ThrowingAnalyzer(), new RecordingAnalyzer()], files: ["SELECT 1;\nSELECT 2;\nCREATE INDEX i ON t (a);"]);

        var failure = result.Diagnostics.Should().ContainSingle(static d => d.Id == "PG0002").Subject;
        failure.Message.Should().Be("Rule TST002 (ThrowingAnalyzer) failed on this statement with InvalidOperationException: boom.");
        failure.Location.LineSpan.Start.Line.Should().Be(1);
        failure.Properties.Should().Contain("ruleIds", "TST002").And.Contain("exceptionType", "System.InvalidOperationException");
        result.Diagnostics.Should().ContainSingle(static d => d.Id == "TST001");
    }

    [Test]
    public void Tables_created_earlier_in_the_file_are_new_and_from_earlier_files_existing()
    {
        var result = Lint.Run(
            [new RecordingAnalyzer()],
            files: ["CREATE TABLE a (x int); CREATE INDEX ON a (x);", "CREATE INDEX ON a (x); CREATE TABLE b (y int); CREATE INDEX ON b (y); CREATE INDEX ON c (z);"]);

        result.Diagnostics.Select(static d => d.Message).Should().Equal(
            "Index on a (new).", "Index on a (existing).", "Index on b (new).", "Index on c (existing).");
    }

    [Test]
    public void Schema_qualification_and_search_path_resolve_to_the_same_table()
    {
        var result = Lint.Run(
            [new RecordingAnalyzer()],
            files: ["CREATE SCHEMA app; SET search_path = app, public; CREATE TABLE t (x int); CREATE INDEX ON app.t (x); CREATE INDEX ON public.t (x);"]);

        result.Diagnostics.Select(static d => d.Message).Should().Equal("Index on t (new).", "Index on t (existing).");
    }

    [Test]
    public void A_renamed_table_keeps_its_origin_and_a_dropped_one_is_forgotten()
    {
        var result = Lint.Run(
            [new RecordingAnalyzer()],
            files: ["CREATE TABLE a (x int); ALTER TABLE a RENAME TO b; CREATE INDEX ON b (x); DROP TABLE b; CREATE INDEX ON b (x);"]);

        result.Diagnostics.Select(static d => d.Message).Should().Equal("Index on b (new).", "Index on b (existing).");
        result.Catalogs.Single().Catalog.Tables.Should().BeEmpty();
    }

    [Test]
    public void Transaction_state_follows_begin_commit_and_autocommit()
    {
        var result = Lint.Run([new TransactionProbe()], files: ["SELECT 1; BEGIN; SELECT 2; SELECT 3; COMMIT; SELECT 4;"]);

        result.Diagnostics.Select(static d => d.Message).Should().Equal(
            "Autocommit 1 0.", "Autocommit 2 0.", "Explicit 2 0.", "Explicit 2 1.", "Explicit 2 2.", "Autocommit 3 0.");
    }

    [Test]
    public void Assume_in_transaction_wraps_the_whole_file_until_an_explicit_commit()
    {
        var result = Lint.Run([new TransactionProbe()], assumeInTransaction: true, files: ["SELECT 1; SELECT 2; COMMIT; SELECT 3;"]);

        result.Diagnostics.Select(static d => d.Message).Should().Equal(
            "RunnerWrapped 1 0.", "RunnerWrapped 1 1.", "RunnerWrapped 1 2.", "Autocommit 2 0.");
    }

    [Test]
    public void State_kept_in_a_document_start_action_is_per_file_and_options_are_read()
    {
        var enabled = new[] { new RuleDirective("TST004", "info", "test") };
        var result = Lint.Run([new PerFileCounter()], enabled, files: ["SELECT 1; SELECT 2;", "SELECT 3;"]);

        result.Diagnostics.Select(static d => d.Message).Should().Equal("2 statements.", "1 statements.");
    }

    [Test]
    public void An_off_by_default_rule_does_not_run_unless_enabled()
    {
        Lint.Run([new PerFileCounter()], files: ["SELECT 1;"]).Diagnostics.Should().BeEmpty();
    }

    [Test]
    public void Configured_severity_replaces_the_default()
    {
        var result = Lint.Run([new RecordingAnalyzer()], [new RuleDirective("index-seen", "error", "test")], files: ["CREATE INDEX ON t (x);"]);

        result.Diagnostics.Single().Severity.Should().Be(Severity.Error);
    }

    [Test]
    public void Fingerprints_survive_unrelated_lines_added_above()
    {
        var before = Lint.Run([new RecordingAnalyzer()], files: ["CREATE INDEX ON t (x);\nCREATE INDEX ON t (x);"]);
        var after = Lint.Run([new RecordingAnalyzer()], files: ["-- a comment\n\nSELECT 1;\nCREATE INDEX ON t (x);\n  CREATE   INDEX ON t (x);"]);

        var fingerprints = before.Diagnostics.Select(static d => d.Fingerprint).ToList();
        fingerprints.Should().OnlyHaveUniqueItems().And.NotContainNulls();
        after.Diagnostics.Select(static d => d.Fingerprint).Should().Equal(fingerprints);
    }

    [Test]
    public void Linting_the_same_input_twice_gives_the_same_diagnostics()
    {
        string[] files = ["CREATE TABLE a (x int); CREATE INDEX ON a (x);", "CREATE INDEX ON a (x); garbage;"];
        var first = Lint.Run([new RecordingAnalyzer()], files: files).Diagnostics.Select(static d => d.ToString() + d.Fingerprint);
        var second = Lint.Run([new RecordingAnalyzer()], files: files).Diagnostics.Select(static d => d.ToString() + d.Fingerprint);

        second.Should().Equal(first);
    }

    [Test]
    public void A_finding_about_the_whole_set_without_a_file_location_is_kept()
    {
        var result = Lint.Run([new SetSummaryAnalyzer()], files: ["CREATE TABLE a (x int);", "CREATE TABLE b (y int);"]);

        var summary = result.Unlocated.Should().ContainSingle().Subject;
        summary.Message.Should().Be("2 tables.");
        result.Diagnostics.Should().Contain(summary);
        result.Documents.SelectMany(static d => d.Diagnostics).Should().BeEmpty();
    }
}
