using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.DistinctHidingJoinFanout>;

namespace PgLint.Rules.Tests.Performance;

public sealed class DistinctHidingJoinFanoutTests
{
    [Test]
    public void Distinct_over_a_join_is_reported() =>
        Verifier.Verify(
            "SELECT [|DISTINCT|] c.id, c.name FROM customers c JOIN orders o ON o.customer_id = c.id;",
            new VerifyOptions { ExpectedMessages = ["SELECT DISTINCT over a join first builds every row the join produces and then sorts or hashes them to remove copies; if the join only checks that related rows exist, use EXISTS, which produces no duplicates."] });

    [Test]
    public void Distinct_over_one_table_distinct_on_and_exists_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT DISTINCT status FROM orders;
            SELECT DISTINCT ON (c.id) c.id, o.id FROM customers c JOIN orders o ON o.customer_id = c.id ORDER BY c.id, o.created_at DESC;
            SELECT c.id, c.name FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id);
            """);
}
