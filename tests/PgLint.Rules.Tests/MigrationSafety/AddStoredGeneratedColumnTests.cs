using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class AddStoredGeneratedColumnTests
{
    [Test]
    public void A_stored_generated_column_on_an_existing_table_is_reported() =>
        AnalyzerVerifier<AddStoredGeneratedColumn>.Verify(
            "[|ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED|];",
            new VerifyOptions { ExpectedMessages = ["Adding generated column total_cents to orders rewrites every row of orders under an ACCESS EXCLUSIVE lock that blocks all reads and writes."] });

    [Test]
    public void A_plain_column_with_a_default_is_not_reported() =>
        AnalyzerVerifier<AddStoredGeneratedColumn>.Verify("ALTER TABLE orders ADD COLUMN total_cents bigint DEFAULT 0;");
}
