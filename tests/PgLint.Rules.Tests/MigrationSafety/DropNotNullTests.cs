using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class DropNotNullTests
{
    [Test]
    public void Dropping_not_null_on_an_existing_table_is_an_info() =>
        AnalyzerVerifier<DropNotNull>.Verify(
            "[|ALTER TABLE orders ALTER COLUMN shipped_at DROP NOT NULL|];",
            new VerifyOptions { ExpectedMessages = ["Column shipped_at of orders may hold NULL from now on: code written for a NOT NULL column can fail or miscount."] });

    [Test]
    public void Setting_not_null_or_a_new_table_is_not_reported() =>
        AnalyzerVerifier<DropNotNull>.Verify("CREATE TABLE t (a int NOT NULL); ALTER TABLE t ALTER COLUMN a DROP NOT NULL;");
}
