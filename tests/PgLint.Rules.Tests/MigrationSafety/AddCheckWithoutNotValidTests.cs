using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class AddCheckWithoutNotValidTests
{
    [Test]
    public void A_validated_check_on_an_existing_table_is_reported() =>
        AnalyzerVerifier<AddCheckWithoutNotValid>.Verify(
            "[|ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0)|];",
            new VerifyOptions { ExpectedMessages = ["Adding check constraint orders_total_check to orders without NOT VALID scans every row of orders under an ACCESS EXCLUSIVE lock that blocks all reads and writes."] });

    [Test]
    public void Not_valid_then_validate_is_not_reported() =>
        AnalyzerVerifier<AddCheckWithoutNotValid>.Verify(
            "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID; ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;");

    [Test]
    public void A_check_on_a_table_created_earlier_in_the_file_or_a_unique_constraint_is_not_reported() =>
        AnalyzerVerifier<AddCheckWithoutNotValid>.Verify("CREATE TABLE t (a int); ALTER TABLE t ADD CHECK (a > 0); ALTER TABLE orders ADD UNIQUE (id);");

    [TestCase(100, Severity.Info)]
    [TestCase(50_000, Severity.Warning)]
    [TestCase(20_000_000, Severity.Error)]
    public void With_statistics_the_severity_follows_the_tables_row_count(double rows, Severity expected) =>
        AnalyzerVerifier.LintForTest(
                "ALTER TABLE orders ADD CONSTRAINT orders_a_check CHECK (a > 0);",
                [new PgLint.Rules.MigrationSafety.AddCheckWithoutNotValid()],
                new VerifyOptions { Statistics = new DatabaseStatistics { Tables = [new TableStatistics { Schema = "public", Name = "orders", Rows = rows }] } })
            .Should().ContainSingle(static d => d.Id == "PG1008").Which.Severity.Should().Be(expected);
}
