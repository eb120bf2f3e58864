using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Indexes.UnindexedForeignKey>;

namespace PgLint.Rules.Tests.Indexes;

public sealed class UnindexedForeignKeyTests
{
    private const string Customers = "CREATE TABLE customers (id bigint PRIMARY KEY);";

    [Test]
    public void Foreign_key_without_an_index_is_reported() =>
        Verifier.Verify(
            "[|CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers)|];",
            new VerifyOptions
            {
                PrecedingFiles = [Customers],
                ExpectedMessages = ["Foreign key orders_customer_id_fkey on orders (customer_id) has no index with these leading columns, so deletes on customers scan orders."],
            });

    [Test]
    public void Foreign_key_indexed_later_in_the_set_is_not_reported() =>
        Verifier.Verify(
            "CREATE INDEX orders_customer_id_idx ON orders (customer_id);",
            new VerifyOptions { PrecedingFiles = [Customers, "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers);"] });

    [Test]
    public void Foreign_key_whose_column_is_only_the_second_key_of_an_index_is_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE customers (id bigint PRIMARY KEY);
            [|CREATE TABLE orders (id bigint PRIMARY KEY, placed_at timestamptz, customer_id bigint REFERENCES customers)|];
            CREATE INDEX orders_placed_customer_idx ON orders (placed_at, customer_id);
            """);

    [Test]
    public void Foreign_key_leading_a_composite_primary_key_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE customers (id bigint PRIMARY KEY);
            CREATE TABLE customer_tags (customer_id bigint REFERENCES customers, tag text, PRIMARY KEY (customer_id, tag));
            """);

    [Test]
    public void Partial_index_does_not_count() =>
        Verifier.Verify(
            """
            CREATE TABLE customers (id bigint PRIMARY KEY);
            [|CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers)|];
            CREATE INDEX orders_open_customer_idx ON orders (customer_id) WHERE id > 0;
            """);
}
