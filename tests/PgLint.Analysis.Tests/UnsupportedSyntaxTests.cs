using FluentAssertions;
using NUnit.Framework;
using PgLint.Syntax;

namespace PgLint.Analysis.Tests;

public sealed class UnsupportedSyntaxTests
{
    private static List<Diagnostic> Lint(string sql, PostgresVersion? target = null)
    {
        var settings = new LintSettings(new RuleRegistry([new RecordingAnalyzer()]), postgresVersion: target);
        var result = new LintEngine(settings).Run([new MigrationSetInput("set", [SourceText.From(sql, "0001_m.sql")])]);
        return [.. result.Diagnostics.OrderBy(static d => d.Location.Span.Start)];
    }

    [Test]
    public void Newer_syntax_is_PG0005_at_the_statement_and_the_other_statements_are_still_analysed()
    {
        var diagnostics = Lint(
            """
            CREATE INDEX a ON t (x);
            -- größe: 🚀
            SELECT 'ä', jt.sku
            FROM orders, JSON_TABLE(orders.doc, '$.items[*]' COLUMNS (sku text PATH '$.sku')) AS jt;
            CREATE INDEX c ON t (z);
            """,
            new PostgresVersion(17, 0));

        diagnostics.Select(static d => (d.Id, d.Location.LineSpan.Start.Line, d.Location.LineSpan.Start.Column)).Should().Equal(
            ("TST001", 1, 19), ("PG0005", 3, 1), ("TST001", 5, 19));
        var unsupported = diagnostics[1];
        unsupported.Severity.Should().Be(Severity.Info);
        unsupported.Message.Should().Be("JSON_TABLE is PostgreSQL 17 syntax that the bundled parser (PostgreSQL 15) does not know, so no rule checked this statement.");
        unsupported.Location.LineSpan.End.Should().Be(new LinePosition(4, 88));
    }

    [Test]
    public void Newer_syntax_is_located_in_utf16_columns_after_non_ascii_text_on_the_same_line()
    {
        var diagnostic = Lint("SELECT 'größe 🚀'; SELECT x IS JSON FROM t;").Single();

        diagnostic.Id.Should().Be("PG0005");
        diagnostic.Location.LineSpan.Start.Should().Be(new LinePosition(1, 20));
        diagnostic.Location.LineSpan.End.Should().Be(new LinePosition(1, 43));
    }

    [Test]
    public void Without_a_configured_target_newer_syntax_is_PG0005() =>
        Lint("MERGE INTO stock s USING deliveries d ON s.sku = d.sku WHEN NOT MATCHED BY SOURCE THEN DELETE;")
            .Select(static d => d.Message).Should().Equal(
                "MERGE … WHEN NOT MATCHED BY SOURCE is PostgreSQL 17 syntax that the bundled parser (PostgreSQL 15) does not know, so no rule checked this statement.");

    [Test]
    public void A_target_older_than_the_construct_keeps_PG0001_at_the_parsers_position_and_names_the_version()
    {
        var diagnostic = Lint("SELECT 'ü', JSON_TABLE('[1]', '$[*]' COLUMNS (a int PATH '$')) FROM t;", new PostgresVersion(16, 0)).Single();

        diagnostic.Id.Should().Be("PG0001");
        diagnostic.Severity.Should().Be(Severity.Error);
        diagnostic.Location.LineSpan.Start.Should().Be(new LinePosition(1, 38));
        diagnostic.Message.Should().Be("PostgreSQL cannot parse this statement: syntax error at or near \"COLUMNS\"; JSON_TABLE needs PostgreSQL 17 or later and the target version is 16.");
    }

    [TestCase(15, "PG0001")]
    [TestCase(16, "PG0005")]
    [TestCase(17, "PG0005")]
    public void A_PostgreSQL_16_construct_is_an_error_below_16_and_PG0005_from_16(int target, string expected) =>
        Lint("SELECT JSON_OBJECT('total': 1_000);", new PostgresVersion(target, 0)).Single().Id.Should().Be(expected);

    [TestCase(16, "PG0001")]
    [TestCase(17, "PG0005")]
    public void A_PostgreSQL_17_construct_is_an_error_below_17_and_PG0005_from_17(int target, string expected) =>
        Lint("ALTER TABLE orders ALTER COLUMN total SET EXPRESSION AS (price * qty);", new PostgresVersion(target, 0)).Single().Id.Should().Be(expected);

    [Test]
    public void A_real_syntax_error_next_to_a_name_like_json_table_stays_PG0001()
    {
        var diagnostics = Lint("CREATE TABLE json_table (id int,);\nSELECT id FROM json_table WHERE;", new PostgresVersion(17, 0));

        diagnostics.Select(static d => (d.Id, d.Message)).Should().Equal(
            ("PG0001", "PostgreSQL cannot parse this statement: syntax error at or near \")\"."),
            ("PG0001", "PostgreSQL cannot parse this statement: syntax error at end of input."));
    }

    [Test]
    public void A_newer_numeric_literal_does_not_hide_the_statements_after_it()
    {
        var diagnostics = Lint("UPDATE t SET flags = 0xFF;\nCREATE INDEX a ON t (x);\n");

        diagnostics.Select(static d => (d.Id, d.Location.LineSpan.Start.Line)).Should().Equal(("PG0005", 1), ("TST001", 2));
    }

    [Test]
    public void PG0005_can_be_suppressed_like_any_finding()
    {
        var diagnostic = Lint("-- pglint-disable-next-line PG0005 -- runs on PostgreSQL 17\nSELECT created_at AT LOCAL FROM orders;").Single();

        diagnostic.Id.Should().Be("PG0005");
        diagnostic.IsSuppressed.Should().BeTrue();
    }
}
