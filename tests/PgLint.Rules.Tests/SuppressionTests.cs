using System.Collections.Immutable;

namespace PgLint.Rules.Tests;

/// <summary>Suppression comments (CLI.md, "Suppressions in SQL") through the engine, with the built-in rules.</summary>
public sealed class SuppressionTests
{
    private const string Comparison = "SELECT id FROM orders WHERE shipped_at = NULL;";

    [Test]
    public void Disable_next_line_suppresses_the_statement_below_and_carries_the_justification()
    {
        var diagnostic = Lint($"""
            -- pglint-disable-next-line PG6001 -- this database runs with transform_null_equals = on
            {Comparison}
            """).Should().ContainSingle().Subject;

        diagnostic.Id.Should().Be("PG6001");
        diagnostic.Suppression.Should().NotBeNull();
        diagnostic.Suppression!.Kind.Should().Be(SuppressionKind.InSource);
        diagnostic.Suppression.Justification.Should().Be("this database runs with transform_null_equals = on");
    }

    [Test]
    public void A_comment_naming_PG0003_silences_the_useless_suppression_below_it_and_counts_as_used()
    {
        var diagnostics = Lint("""
            -- pglint-disable-next-line PG0003 -- kept for the PostgreSQL 10 run
            -- pglint-disable-next-line PG6001
            SELECT 1;
            """);

        var useless = diagnostics.Should().ContainSingle().Subject;
        useless.Id.Should().Be("PG0003");
        useless.Location.LineSpan.Start.Line.Should().Be(2);
        useless.Suppression!.Justification.Should().Be("kept for the PostgreSQL 10 run");
    }

    [Test]
    public void Disable_next_line_covers_every_line_of_a_statement_that_starts_below_it() =>
        Unsuppressed("""
            -- pglint-disable-next-line PG6001
            SELECT id
            FROM orders
            WHERE shipped_at = NULL;
            """).Should().BeEmpty();

    [Test]
    public void Disable_next_line_does_not_reach_further_statements() =>
        Unsuppressed($"""
            -- pglint-disable-next-line PG6001
            {Comparison}
            {Comparison}
            """).Should().ContainSingle().Which.Location.LineSpan.Start.Line.Should().Be(3);

    [Test]
    public void Disable_region_ends_at_enable()
    {
        var diagnostics = Lint($"""
            -- pglint-disable PG6001
            {Comparison}
            {Comparison}
            -- pglint-enable PG6001
            {Comparison}
            """);

        diagnostics.Where(static d => d.IsSuppressed).Should().HaveCount(2);
        diagnostics.Where(static d => !d.IsSuppressed).Should().ContainSingle().Which.Location.LineSpan.Start.Line.Should().Be(5);
    }

    [Test]
    public void Disable_file_suppresses_the_whole_file_wherever_it_is() =>
        Unsuppressed($"""
            {Comparison}
            {Comparison}
            -- pglint-disable-file PG6001
            """).Should().BeEmpty();

    [Test]
    public void Disable_line_suppresses_the_statement_on_its_line() =>
        Unsuppressed($"""
            {Comparison} -- pglint-disable-line PG6001
            {Comparison}
            """).Should().ContainSingle().Which.Location.LineSpan.Start.Line.Should().Be(2);

    [Test]
    public void Rule_name_works_like_its_id() =>
        Unsuppressed($"""
            -- pglint-disable-next-line comparison-with-null
            {Comparison}
            """).Should().BeEmpty();

    [Test]
    public void Several_rules_in_one_comment_are_each_suppressed() =>
        Unsuppressed("""
            -- pglint-disable-next-line PG1001, PG1023 -- built during the maintenance window
            CREATE INDEX orders_customer_idx ON orders (customer_id);
            """).Should().BeEmpty();

    [Test]
    public void Block_comment_form_works() =>
        Unsuppressed($"""
            /* pglint-disable-next-line PG6001 */
            {Comparison}
            """).Should().BeEmpty();

    [Test]
    public void Suppression_of_an_unknown_rule_is_reported_as_PG0003() =>
        Unsuppressed($"""
            -- pglint-disable-next-line PG6099
            {Comparison}
            """).Select(static d => (d.Id, d.Message)).Should().BeEquivalentTo(new[]
            {
                ("PG0003", "This pglint-disable-next-line comment names 'PG6099', which is not a known rule id or name."),
                ("PG6001", "shipped_at = NULL is never true, because comparing with NULL yields NULL: use IS NULL."),
            });

    [Test]
    public void Suppression_that_suppresses_nothing_is_reported_as_PG0003() =>
        Unsuppressed("""
            -- pglint-disable-next-line PG6001
            SELECT id FROM orders WHERE shipped_at IS NULL;
            """).Should().ContainSingle().Which.Message.Should().Be("This pglint-disable-next-line comment suppresses no PG6001 (comparison-with-null) finding.");

    [Test]
    public void Unused_region_is_reported_at_its_comment() =>
        Unsuppressed("""
            SELECT 1;
            /* pglint-disable PG1001 */
            SELECT 2;
            """).Should().ContainSingle().Which.Location.LineSpan.Start.Line.Should().Be(2);

    private static ImmutableArray<Diagnostic> Lint(string sql) =>
        AnalyzerVerifier.LintForTest(sql, BuiltInRules.CreateAnalyzers());

    private static List<Diagnostic> Unsuppressed(string sql) => [.. Lint(sql).Where(static d => !d.IsSuppressed)];
}
