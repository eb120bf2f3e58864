using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.ImplicitCrossJoin>;

namespace PgLint.Rules.Tests.Performance;

public sealed class ImplicitCrossJoinTests
{
    [Test]
    public void Comma_join_without_a_condition_is_reported() =>
        Verifier.Verify(
            "SELECT o.id, c.name FROM orders o, [|customers|] c WHERE o.status = 'open';",
            new VerifyOptions { ExpectedMessages = ["No condition in WHERE connects o with c, so the query pairs every row of one with every row of the other; add the join condition (preferably as JOIN … ON)."] });

    [Test]
    public void A_relation_left_out_of_a_chain_is_reported() =>
        Verifier.Verify("SELECT o.id FROM orders o, customers c, [|regions|] r WHERE c.id = o.customer_id;");

    [Test]
    public void Joined_lateral_single_row_and_explicit_cross_joins_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT o.id, c.name FROM orders o, customers c WHERE c.id = o.customer_id;
            SELECT o.id, c.name FROM orders o, customers c WHERE c.id = customer_id;
            SELECT o.id, l.total FROM orders o, LATERAL (SELECT sum(amount) AS total FROM lines WHERE order_id = o.id) l;
            SELECT o.id, s.maximum FROM orders o, (SELECT max(total) AS maximum FROM orders) s;
            SELECT o.id, g FROM orders o, generate_series(1, 3) g;
            SELECT o.id, c.name FROM orders o CROSS JOIN customers c;
            SELECT a.id FROM orders a, customers b JOIN regions r ON r.id = b.region_id WHERE b.id = a.customer_id;
            """);
}
