using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.CorrelatedSubqueryInSelect>;

namespace PgLint.Rules.Tests.Performance;

public sealed class CorrelatedSubqueryInSelectTests
{
    [Test]
    public void Correlated_scalar_subquery_in_the_select_list_is_reported() =>
        Verifier.Verify(
            "SELECT c.id, [|(SELECT count(*) FROM orders o WHERE o.customer_id = c.id)|] AS orders FROM customers c;",
            new VerifyOptions { ExpectedMessages = ["This subquery refers to c of the outer query, so it runs once for every output row; join to a grouped subquery or use a LATERAL join so the planner can compute it in one pass."] });

    [Test]
    public void Uncorrelated_subqueries_and_subqueries_in_where_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT c.id, (SELECT max(total) FROM orders) AS record FROM customers c;
            SELECT c.id FROM customers c WHERE (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) > 5;
            SELECT c.id, (SELECT count(*) FROM orders c WHERE c.total > 0) FROM customers c;
            SELECT (SELECT 1);
            """);
}
