using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.NaturalJoin>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class NaturalJoinTests
{
    [Test]
    public void Natural_join_is_reported_on_its_keywords() =>
        Verifier.Verify(
            """
            SELECT o.id, c.name FROM orders o [|NATURAL JOIN|] customers c;
            SELECT id FROM orders [|NATURAL LEFT OUTER JOIN|] shipments;
            """,
            new VerifyOptions { ExpectedMessages = ["NATURAL JOIN joins on every column name both sides share, so a column added to either table later silently changes the join condition: use USING (…) or ON.", "NATURAL JOIN joins on every column name both sides share, so a column added to either table later silently changes the join condition: use USING (…) or ON."] });

    [Test]
    public void Joins_with_using_or_on_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT o.id, c.name FROM orders o JOIN customers c USING (customer_id);
            SELECT o.id, c.name FROM orders o LEFT JOIN customers c ON c.id = o.customer_id;
            SELECT o.id FROM orders o CROSS JOIN natural_sort n;
            """);
}
