using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class ConcurrentIndexOnPg14BugTests
{
    [TestCase(14, 1)]
    [TestCase(14, 3)]
    public void Concurrent_builds_on_affected_releases_are_reported(int major, int minor) =>
        AnalyzerVerifier<ConcurrentIndexOnPg14Bug>.Verify(
            "[|CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id)|]; [|REINDEX INDEX CONCURRENTLY orders_customer_idx|];",
            new VerifyOptions { PostgresVersion = new PostgresVersion(major, minor) });

    [TestCase(14, 4)]
    [TestCase(13, 7)]
    [TestCase(15, 0)]
    public void Fixed_and_unaffected_releases_are_not_reported(int major, int minor) =>
        AnalyzerVerifier<ConcurrentIndexOnPg14Bug>.Verify(
            "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);",
            new VerifyOptions { PostgresVersion = new PostgresVersion(major, minor) });
}
