using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.AmbiguousColumnReference>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class AmbiguousColumnReferenceTests
{
    private const string Schema = """
        CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, note text);
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, note text, total numeric NOT NULL);

        """;

    [Test]
    public void Column_that_two_joined_tables_have_is_reported() =>
        Verifier.Verify(
            Schema + "SELECT name, [|note|] FROM customers c JOIN orders o ON o.customer_id = c.id;",
            new VerifyOptions { ExpectedMessages = ["Column note exists in both c and o, so PostgreSQL rejects this unqualified reference as ambiguous; qualify it with the relation's name or alias."] });

    [Test]
    public void Where_update_delete_and_a_third_table_after_using_are_reported() =>
        Verifier.Verify(
            Schema + """
            SELECT c.id FROM customers c, orders o WHERE o.customer_id = c.id AND [|note|] IS NULL;
            UPDATE orders SET total = 0 FROM customers WHERE customer_id = customers.id AND [|note|] = 'x';
            DELETE FROM orders USING customers WHERE customers.id = customer_id AND [|note|] = 'x';
            SELECT [|id|] FROM customers JOIN orders USING (id) JOIN customers c2 ON c2.name = 'x';
            SELECT c.id FROM customers c JOIN orders o ON [|note|] = 'x';
            SELECT 1 FROM customers c JOIN (SELECT id, customer_id FROM orders) o ON o.customer_id = c.id GROUP BY [|id|];
            """);

    [Test]
    public void Qualified_unique_and_merged_columns_are_not_reported() =>
        Verifier.Verify(
            Schema + """
            SELECT name, total, c.note FROM customers c JOIN orders o ON o.customer_id = c.id;
            SELECT id, name FROM customers JOIN orders USING (id);
            SELECT note FROM customers NATURAL JOIN orders;
            SELECT c.id AS note FROM customers c JOIN orders o ON o.customer_id = c.id ORDER BY note;
            SELECT note FROM orders WHERE customer_id IN (SELECT id FROM customers);
            """);

    [Test]
    public void Subqueries_ctes_and_unknown_relations_are_counted_only_when_their_columns_are_known() =>
        Verifier.Verify(
            Schema + """
            SELECT id FROM customers c JOIN (SELECT customer_id, total FROM orders) o ON o.customer_id = c.id;
            WITH recent AS (SELECT customer_id AS id FROM orders) SELECT [|id|] FROM customers c JOIN recent r ON r.id = c.id;
            SELECT id FROM customers c JOIN invoices i ON i.customer_id = c.id;
            SELECT id FROM customers c, LATERAL unnest(ARRAY[1]) AS u(id);
            SELECT c.id FROM customers c JOIN orders o ON o.customer_id = c.id WHERE EXISTS (SELECT 1 FROM orders x WHERE x.customer_id = c.id AND note IS NULL);
            """);
}
