using FluentAssertions;
using NUnit.Framework;
using PgLint.Analysis;
using PgLint.Syntax;

namespace PgLint.Reporting.Tests;

public sealed class TextReporterTests
{
    internal static readonly IReadOnlyList<SourceText> GoldenInput =
    [
        SourceText.From(
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, created_at timestamptz);
            CREATE INDEX orders_customer ON orders (customer_id);

            """,
            "migrations/001_orders.sql"),
        SourceText.From(
            "-- pglint-disable-next-line TST1001 -- the table is empty in production\n"
            + "CREATE INDEX orders_created ON orders (created_at);\n"
            + "SELECT\tid, * FROM orders;\n"
            + "GRANT SELECT, INSERT,\n"
            + "\tUPDATE, DELETE\n"
            + "\tON orders\n"
            + "\tTO reporting;\n",
            "migrations/002_reporting.sql"),
        SourceText.From("/* größe 🚀 */ SELEC 1;\n", "migrations/003_broken.sql"),
    ];

    /// <summary>A migration with two transactions, CRLF line ends and non-ASCII text, after a file that creates its tables.</summary>
    internal static readonly IReadOnlyList<SourceText> LocksInput =
    [
        SourceText.From("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\nCREATE TABLE customers (id bigint PRIMARY KEY);\n", "migrations/001_orders.sql"),
        SourceText.From(
            "-- Größe 🚀\r\n"
            + "BEGIN;\r\n"
            + "ALTER TABLE orders ADD COLUMN note text;\r\n"
            + "CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));\r\n"
            + "GRANT SELECT ON orders TO reporting;\r\n"
            + "DELETE FROM orders WHERE note = 'ä';\r\n"
            + "COMMIT;\r\n"
            + "CREATE INDEX CONCURRENTLY orders_note ON orders (note);\r\n",
            "migrations/002_notes.sql"),
    ];

    [Test]
    public void With_locks_each_file_ends_with_its_transactions_and_the_tables_they_hold()
    {
        var context = TestRun.Lint(LocksInput, showLocks: true);

        var text = new TextReporter().Render(context);

        text.Should().Contain(
            "migrations/002_notes.sql: locks\n"
            + "  transaction 1 (lines 2–7, explicit): ACCESS EXCLUSIVE on public.orders, held across 4 statements (lines 3–7); SHARE ROW EXCLUSIVE on public.customers, held across 3 statements (lines 4–7)\n"
            + "  transaction 2 (line 8, autocommit): SHARE UPDATE EXCLUSIVE on public.orders, held across 1 statement (line 8)\n");
        Golden.Verify("text-report-locks.txt", text);
    }

    [Test]
    public void Without_locks_there_is_no_lock_block() =>
        new TextReporter().Render(TestRun.Lint(LocksInput)).Should().NotContain(": locks");

    [Test]
    public void Report_of_a_small_migration_set_matches_the_golden_file()
    {
        var context = TestRun.Lint(GoldenInput);

        Golden.Verify("text-report.txt", new TextReporter().Render(context));
    }

    // ö and ß take one cell each and the rocket two, as UTF-16 counts them; 表 takes two cells for one code unit.
    [TestCase("/* größe 🚀 */ CREATE INDEX i ON orders (customer_id);", "1:34: warning[TST1001", "/* größe 🚀 */ CREATE INDEX i ON orders (customer_id);", 33, "^^^^^^")]
    [TestCase("SELECT '表',\t* FROM t;", "1:13: info[TST6001", "SELECT '表',    * FROM t;", 16, "^")]
    public void Underline_sits_under_the_exact_columns_of_the_span_after_non_ascii_text_and_tabs(string sql, string header, string shown, int cells, string underline)
    {
        var lines = new TextReporter().Render(TestRun.Lint(sql + "\n")).Split('\n');

        lines[0].Should().StartWith("migrations/001.sql:" + header);
        lines[1].Should().Be(" 1 | " + shown);
        lines[2].Should().Be("   | " + new string(' ', cells) + underline);
    }

    [Test]
    public void A_span_over_many_lines_is_underlined_to_the_end_of_its_first_line_and_cut_after_three_lines()
    {
        var sql = string.Concat(Enumerable.Repeat("\n", 8)) + "GRANT SELECT\n  ON orders\n  TO a,\n  b;\n";

        var lines = new TextReporter().Render(TestRun.Lint(sql)).Split('\n');

        lines.Take(6).Should().Equal(
            "migrations/001.sql:9:1: error[TST5001 grant]: GRANT changes who can read or write public.orders.",
            "  9 | GRANT SELECT",
            "    | ^^^^^^^^^^^^",
            " 10 |   ON orders",
            " 11 |   TO a,",
            "    | …");
        lines[6].Should().Be("    = help: " + GrantAnalyzer.Rule.HelpUri, "the notes line up under the gutter's bar");
    }

    [Test]
    public void Fix_line_says_when_the_fix_cannot_run_in_a_transaction_and_is_unsafe()
    {
        var output = new TextReporter().Render(TestRun.Lint("CREATE INDEX i ON orders (customer_id);"));

        output.Should().Contain("\n   = fix: Insert CONCURRENTLY (not valid inside a transaction block) [unsafe]\n");
    }

    [Test]
    public void Summary_uses_singular_forms_for_one()
    {
        var context = TestRun.Lint("CREATE INDEX i ON orders (customer_id);");

        TextReporter.Summary(context).Should().Be("0 errors, 1 warning, 0 infos in 1 file (1 statement) in 12 ms");
    }

    [Test]
    public void Summary_of_a_live_database_names_the_database_and_any_files()
    {
        var files = TestRun.Lint("CREATE INDEX i ON orders (customer_id);");
        ReportContext For(LintResult result) => new()
        {
            Result = result,
            Registry = files.Registry,
            Settings = files.Settings,
            BaseDirectory = files.BaseDirectory,
            Elapsed = files.Elapsed,
            Database = "shop",
        };

        TextReporter.Summary(For(files.Result.With([], files.Result.Unlocated))).Should().Be("0 errors, 0 warnings, 0 infos in database shop in 12 ms");
        TextReporter.Summary(For(files.Result)).Should().Be("0 errors, 1 warning, 0 infos in database shop and 1 file (1 statement) in 12 ms");
    }

    [Test]
    public void Summary_counts_suppressed_findings_on_a_line_of_their_own()
    {
        var context = TestRun.Lint("-- pglint-disable-next-line TST1001 -- a reason\nCREATE INDEX i ON orders (customer_id);\nSELECT 1;\n");

        var output = new TextReporter().Render(context);

        output.Should().Be("0 errors, 0 warnings, 0 infos in 1 file (2 statements) in 12 ms\n1 suppressed\n");
        TextReporter.Summary(context).Should().Be("0 errors, 0 warnings, 0 infos in 1 file (2 statements) in 12 ms" + Environment.NewLine + "1 suppressed");
    }

    [Test]
    public void Findings_are_sorted_by_path_then_position()
    {
        var context = TestRun.Lint(
        [
            SourceText.From("SELECT * FROM b;\nCREATE INDEX i ON b (x);\n", "b.sql"),
            SourceText.From("CREATE INDEX i ON a (x); SELECT * FROM a;\n", "a.sql"),
        ]);

        var headers = new TextReporter().Render(context).Split('\n').Where(static l => l.Contains(": ", StringComparison.Ordinal) && !l.StartsWith(' ')).ToList();

        headers.Select(static h => h[..h.IndexOf(": ", StringComparison.Ordinal)]).Should().Equal("a.sql:1:19", "a.sql:1:33", "b.sql:1:8", "b.sql:2:19");
    }

    [Test]
    public void Paths_outside_the_base_directory_are_shown_in_full()
    {
        var outside = Path.Combine(Path.GetTempPath(), "pglint-reporting-tests", "elsewhere", "x.sql");

        var output = new TextReporter().Render(TestRun.Lint([SourceText.From("SELECT * FROM t;", outside)]));

        output.Should().StartWith(outside + ":1:8: info[TST6001 select-star]: ");
    }

    [Test]
    public void Colours_are_written_only_when_asked_for()
    {
        const string Sql = "CREATE INDEX i ON orders (customer_id); GRANT SELECT ON orders TO r; SELECT * FROM orders;";

        var plain = new TextReporter().Render(TestRun.Lint(Sql, useColor: false));
        var coloured = new TextReporter().Render(TestRun.Lint(Sql, useColor: true));

        plain.Should().NotContain("\e[");
        coloured.Should().Contain("\e[1mmigrations/001.sql:1:19:\e[0m ");
        coloured.Should().Contain("\e[1;31merror[TST5001 grant]\e[0m: ");
        coloured.Should().Contain("\e[1;33mwarning[TST1001 index-creation]\e[0m: ");
        coloured.Should().Contain("\e[1;36minfo[TST6001 select-star]\e[0m: ");
        coloured.Should().Contain("\e[33m^^^^^^\e[0m", "the underline takes the colour of the severity");
    }

    [Test]
    public void A_finding_without_a_file_is_placed_at_its_database_object_or_else_the_tool_name()
    {
        var context = TestRun.Lint("SELECT 1;");
        var descriptor = ToolDiagnostics.InvalidConfiguration;

        ReportedDiagnostics.Position(context, Diagnostic.Create(descriptor, Location.None, "x")).Should().Be("pglint");
        ReportedDiagnostics.Position(context, Diagnostic.Create(descriptor, Location.Create(new LogicalLocation("table", "public.orders")), "x"))
            .Should().Be("table public.orders");
    }
}
