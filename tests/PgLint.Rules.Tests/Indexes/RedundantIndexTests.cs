using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Indexes.RedundantIndex>;

namespace PgLint.Rules.Tests.Indexes;

public sealed class RedundantIndexTests
{
    [Test]
    public void Index_whose_keys_lead_another_btree_is_reported() =>
        Verifier.Verify(
            """
            [|CREATE INDEX orders_customer_idx ON orders (customer_id)|];
            CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at);
            """,
            new VerifyOptions { ExpectedMessages = ["Index orders_customer_idx on orders is a leading prefix of orders_customer_placed_idx, which serves the same queries."] });

    [Test]
    public void Index_on_a_trailing_column_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE INDEX orders_placed_idx ON orders (placed_at);
            CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at);
            """);

    [Test]
    public void Primary_key_that_leads_a_wider_index_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, status text);
            CREATE INDEX orders_id_status_idx ON orders (id, status);
            """);

    [Test]
    public void Prefix_with_another_predicate_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE INDEX orders_customer_idx ON orders (customer_id) WHERE status = 'open';
            CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at);
            """);
}
