using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.DropTable>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class DropTableTests
{
    [Test]
    public void Dropping_existing_tables_is_reported_per_table() =>
        Verifier.Verify(
            "[|{|PG1020:DROP TABLE IF EXISTS legacy_orders, app.audit CASCADE|}|];",
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Dropping table legacy_orders deletes its data for good and breaks every client that still uses it.",
                    "Dropping table app.audit deletes its data for good and breaks every client that still uses it.",
                ],
            });

    [Test]
    public void Dropping_a_scratch_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify("CREATE TABLE import_batch (id int); DROP TABLE import_batch;");

    [Test]
    public void Dropping_a_view_or_an_index_is_not_this_rule() =>
        Verifier.Verify("DROP VIEW order_summary; DROP MATERIALIZED VIEW order_totals;");
}
