using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class AddColumnRequiredTests
{
    [Test]
    public void Not_null_column_without_default_is_reported() =>
        AnalyzerVerifier<AddColumnRequired>.Verify(
            "[|ALTER TABLE orders ADD COLUMN currency text NOT NULL|];",
            new VerifyOptions { ExpectedMessages = ["Adding NOT NULL column currency to orders without a DEFAULT fails as soon as orders has a row."] });

    [Test]
    public void Columns_that_fill_themselves_or_allow_null_are_not_reported() =>
        AnalyzerVerifier<AddColumnRequired>.Verify(
            """
            ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';
            ALTER TABLE orders ADD COLUMN note text;
            ALTER TABLE orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
            ALTER TABLE orders ADD COLUMN total_cents bigint NOT NULL GENERATED ALWAYS AS (0) STORED;
            ALTER TABLE orders ADD COLUMN n bigserial NOT NULL;
            """);

    [Test]
    public void A_table_created_earlier_in_the_file_is_not_reported() =>
        AnalyzerVerifier<AddColumnRequired>.Verify("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int NOT NULL;");
}
