using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class UnnamedConcurrentIndexTests
{
    [Test]
    public void A_concurrent_index_without_a_name_is_reported() =>
        AnalyzerVerifier<UnnamedConcurrentIndex>.Verify("[|CREATE INDEX CONCURRENTLY ON orders (customer_id)|];");

    [Test]
    public void A_named_concurrent_index_or_an_unnamed_plain_one_is_not_reported() =>
        AnalyzerVerifier<UnnamedConcurrentIndex>.Verify("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id); CREATE INDEX ON t (a);");
}
