using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.Truncate>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class TruncateTests
{
    [Test]
    public void Truncate_of_an_existing_table_is_a_warning() =>
        Verifier.Lint("TRUNCATE orders;").Should().ContainSingle().Which.Severity.Should().Be(Severity.Warning);

    [Test]
    public void Truncate_cascade_is_an_error_that_says_what_else_is_emptied()
    {
        var diagnostic = Verifier.Lint("TRUNCATE customers CASCADE;").Should().ContainSingle().Subject;

        diagnostic.Severity.Should().Be(Severity.Error);
        diagnostic.Message.Should().Be("TRUNCATE customers deletes every row of it and of every table that references it (CASCADE) under an ACCESS EXCLUSIVE lock that blocks all reads and writes.");
        Verifier.Verify("[|TRUNCATE customers CASCADE|];");
    }

    [Test]
    public void Only_existing_tables_are_named() =>
        Verifier.Verify(
            "CREATE TABLE staging (id int); [|TRUNCATE staging, orders|];",
            new VerifyOptions { ExpectedMessages = ["TRUNCATE orders deletes every row under an ACCESS EXCLUSIVE lock that blocks all reads and writes."] });

    [Test]
    public void Truncate_of_a_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify("CREATE TABLE staging (id int); TRUNCATE staging;");

    [TestCase(100, Severity.Info)]
    [TestCase(50_000, Severity.Warning)]
    [TestCase(20_000_000, Severity.Error)]
    public void With_statistics_the_severity_follows_the_tables_row_count(double rows, Severity expected) =>
        AnalyzerVerifier.LintForTest(
                "TRUNCATE orders;",
                [new PgLint.Rules.MigrationSafety.Truncate()],
                new VerifyOptions { Statistics = new DatabaseStatistics { Tables = [new TableStatistics { Schema = "public", Name = "orders", Rows = rows }] } })
            .Should().ContainSingle(static d => d.Id == "PG1022").Which.Severity.Should().Be(expected);
}
