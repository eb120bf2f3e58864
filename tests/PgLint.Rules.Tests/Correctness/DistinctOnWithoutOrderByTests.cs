using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.DistinctOnWithoutOrderBy>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class DistinctOnWithoutOrderByTests
{
    [Test]
    public void Distinct_on_without_order_by_is_reported() =>
        Verifier.Verify(
            "SELECT [|DISTINCT ON|] (customer_id) customer_id, id, created_at FROM orders;",
            new VerifyOptions { ExpectedMessages = ["DISTINCT ON without ORDER BY keeps an arbitrary row of each group: add ORDER BY with the DISTINCT ON expressions first, then the columns that choose the row to keep."] });

    [Test]
    public void Distinct_on_in_a_subquery_is_reported() =>
        Verifier.Verify("SELECT * FROM (SELECT [|DISTINCT ON|] (customer_id) customer_id, id FROM orders) latest;");

    [Test]
    public void Ordered_distinct_on_and_plain_distinct_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT DISTINCT ON (customer_id) customer_id, id FROM orders ORDER BY customer_id, created_at DESC;
            SELECT DISTINCT customer_id FROM orders;
            """);
}
