using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Indexes.WideIndex>;

namespace PgLint.Rules.Tests.Indexes;

public sealed class WideIndexTests
{
    [Test]
    public void Btree_with_four_key_columns_is_reported() =>
        Verifier.Verify(
            "[|CREATE INDEX CONCURRENTLY orders_search_idx ON orders (customer_id, status, placed_at, total)|];",
            new VerifyOptions { ExpectedMessages = ["Index orders_search_idx has 4 key columns (more than 3); move columns that only serve index-only scans to INCLUDE."] });

    [Test]
    public void Three_keys_with_include_columns_are_not_reported() =>
        Verifier.Verify("CREATE INDEX CONCURRENTLY orders_search_idx ON orders (customer_id, status, placed_at) INCLUDE (total, currency);");

    [Test]
    public void Unique_and_non_btree_indexes_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE UNIQUE INDEX CONCURRENTLY slots_key ON slots (room, day, hour, minute);
            CREATE INDEX CONCURRENTLY docs_gin ON docs USING gin (a, b, c, d);
            """);

    [Test]
    public void Maximum_is_configurable() =>
        Verifier.Verify(
            "[|CREATE INDEX CONCURRENTLY orders_pair_idx ON orders (customer_id, status)|];",
            new VerifyOptions { RuleOptionsJson = """{ "PG4008": { "maximum": 1 } }""" });
}
