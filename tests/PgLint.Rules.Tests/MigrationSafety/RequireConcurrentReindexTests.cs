using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.RequireConcurrentReindex>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class RequireConcurrentReindexTests
{
    private static readonly VerifyOptions Pg11 = new() { PostgresVersion = new PostgresVersion(11, 0) };
    private static readonly VerifyOptions Pg12 = new() { PostgresVersion = new PostgresVersion(12, 0) };

    [Test]
    public void Reindex_of_an_existing_table_is_reported_with_its_table() =>
        Verifier.Verify(
            "[|REINDEX TABLE orders|];",
            new VerifyOptions { ExpectedMessages = ["REINDEX of table orders without CONCURRENTLY blocks writes to orders and every query that uses the rebuilt indexes until the rebuild ends."] });

    [Test]
    public void Reindex_of_an_index_names_the_table_the_catalog_knows() =>
        Verifier.Verify(
            "[|REINDEX INDEX orders_status_idx|];",
            new VerifyOptions
            {
                PrecedingFiles = ["CREATE TABLE orders (id bigint, status text); CREATE INDEX orders_status_idx ON orders (status);"],
                ExpectedMessages = ["REINDEX of index orders_status_idx without CONCURRENTLY blocks writes to public.orders and every query that uses the rebuilt indexes until the rebuild ends."],
            });

    [Test]
    public void Concurrent_reindex_in_either_spelling_is_not_reported()
    {
        Verifier.Verify("REINDEX TABLE CONCURRENTLY orders;");
        Verifier.Verify("REINDEX (CONCURRENTLY) TABLE orders;");
    }

    [Test]
    public void Reindex_system_which_cannot_be_concurrent_is_not_reported() =>
        Verifier.Verify("REINDEX SYSTEM app;");

    [Test]
    public void Reindex_of_a_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify("CREATE TABLE t (a int); CREATE INDEX t_a_idx ON t (a); REINDEX TABLE t; REINDEX INDEX t_a_idx;");

    [Test]
    public void Before_PostgreSQL_12_there_is_no_concurrent_form_and_nothing_is_reported() =>
        Verifier.Verify("REINDEX TABLE orders;", Pg11);

    [Test]
    public void From_PostgreSQL_12_on_it_is_reported() =>
        Verifier.Verify("[|REINDEX TABLE orders|];", Pg12);

    [Test]
    public void Fix_inserts_concurrently_after_the_object_keyword() =>
        Verifier.VerifyFix("[|REINDEX (VERBOSE) INDEX orders_status_idx|];", "REINDEX (VERBOSE) INDEX CONCURRENTLY orders_status_idx;");
}
