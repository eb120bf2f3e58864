using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.UpdateFromWithoutJoin>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class UpdateFromWithoutJoinTests
{
    [Test]
    public void Update_from_without_a_join_condition_is_reported() =>
        Verifier.Verify(
            "UPDATE orders SET price = p.price FROM [|prices|] p WHERE p.sku = 'A-1';",
            new VerifyOptions { ExpectedMessages = ["FROM p is not joined to orders by the WHERE clause, so every row of orders matches every row of p and the UPDATE affects the whole table; add the join condition."] });

    [Test]
    public void Delete_using_without_where_is_reported() =>
        Verifier.Verify("DELETE FROM orders o USING [|public.blocked_customers|];");

    [Test]
    public void Joined_correlated_and_single_row_relations_are_not_reported() =>
        Verifier.Verify(
            """
            UPDATE orders o SET price = p.price FROM prices p WHERE p.sku = o.sku;
            DELETE FROM orders o USING blocked_customers b WHERE b.customer_id = o.customer_id;
            UPDATE orders SET price = p.price FROM prices p WHERE p.sku = sku;
            UPDATE orders o SET total = t.total FROM LATERAL (SELECT sum(amount) AS total FROM order_lines l WHERE l.order_id = o.id) t;
            UPDATE counters SET value = s.total FROM (SELECT count(*) AS total FROM orders) s;
            WITH latest AS (SELECT max(id) AS id FROM batches) UPDATE settings SET batch_id = latest.id FROM latest;
            UPDATE orders SET status = 'done';
            """);
}
