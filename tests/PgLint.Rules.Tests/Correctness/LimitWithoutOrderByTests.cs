using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.LimitWithoutOrderBy>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class LimitWithoutOrderByTests
{
    [Test]
    public void Limit_without_order_by_is_reported() =>
        Verifier.Verify(
            "SELECT id, total FROM orders WHERE status = 'open' [|LIMIT 10|];",
            new VerifyOptions { ExpectedMessages = ["LIMIT without ORDER BY keeps an arbitrary subset of the rows, which can change from run to run with the plan and the table's physical order: add an ORDER BY that makes the order unique."] });

    [Test]
    public void Offset_and_fetch_first_are_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM orders [|OFFSET 20|];
            SELECT id FROM orders [|FETCH FIRST 5 ROWS ONLY|];
            UPDATE orders SET status = 'picked' WHERE id = (SELECT id FROM orders WHERE status = 'open' [|LIMIT 1|]);
            """);

    [Test]
    public void Ordered_and_single_row_queries_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM orders ORDER BY created_at DESC, id LIMIT 10;
            SELECT EXISTS (SELECT 1 FROM orders WHERE status = 'open' LIMIT 1);
            SELECT 1 FROM orders WHERE status = 'open' LIMIT 1;
            SELECT count(*) FROM orders LIMIT 1;
            SELECT now() LIMIT 1;
            SELECT id FROM orders LIMIT ALL;
            SELECT id FROM orders LIMIT 0;
            """);

    [Test]
    public void Lookup_by_the_primary_key_is_not_reported_but_by_another_column_is() =>
        Verifier.Verify(
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
            SELECT id, customer_id FROM orders WHERE id = $1 LIMIT 1;
            SELECT id, customer_id FROM orders WHERE customer_id = $1 [|LIMIT 1|];
            """);

    [Test]
    public void The_order_by_of_a_union_covers_its_limit() =>
        Verifier.Verify(
            """
            SELECT id FROM orders UNION SELECT id FROM archived_orders ORDER BY id LIMIT 10;
            SELECT id FROM orders UNION SELECT id FROM archived_orders [|LIMIT 10|];
            """);
}
