using FluentAssertions;
using NUnit.Framework;
using PgLint.Syntax;

namespace PgLint.Reporting.Tests;

public sealed class GccReporterTests
{
    [Test]
    public void Each_finding_is_one_line_with_path_position_severity_message_and_id()
    {
        var context = TestRun.Lint(
            "CREATE INDEX i ON orders (customer_id);\n/* größe 🚀 */ SELECT * FROM orders;\nGRANT SELECT ON orders TO r;\n",
            path: "db/migrations/001.sql");

        var output = new GccReporter().Render(context);

        output.Should().Be(
            "db/migrations/001.sql:1:19: warning: Creating an index on orders blocks writes to the table until it is built. [TST1001]\n"
            + "db/migrations/001.sql:2:23: note: SELECT * returns whatever columns the table has today. [TST6001]\n"
            + "db/migrations/001.sql:3:1: error: GRANT changes who can read or write public.orders. [TST5001]\n");
    }

    [Test]
    public void Suppressed_findings_are_left_out()
    {
        var context = TestRun.Lint("CREATE INDEX i ON orders (customer_id); -- pglint-disable-line TST1001\nSELECT * FROM t;\n");

        new GccReporter().Render(context).Should().Be("migrations/001.sql:2:8: note: SELECT * returns whatever columns the table has today. [TST6001]\n");
    }

    [Test]
    public void Paths_use_forward_slashes_relative_to_the_base_directory()
    {
        var absolute = Path.Combine(TestRun.BaseDirectory, "db", "a.sql");

        var output = new GccReporter().Render(TestRun.Lint([SourceText.From("SELECT * FROM t;", absolute)]));

        output.Should().StartWith("db/a.sql:1:8: note: ");
    }
}
