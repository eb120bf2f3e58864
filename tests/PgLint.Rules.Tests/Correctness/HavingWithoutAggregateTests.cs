using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.HavingWithoutAggregate>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class HavingWithoutAggregateTests
{
    [Test]
    public void Having_on_a_grouped_column_is_reported() =>
        Verifier.Verify(
            "SELECT status, count(*) FROM orders GROUP BY status HAVING [|status <> 'cancelled'|];",
            new VerifyOptions { ExpectedMessages = ["HAVING status <> 'cancelled' uses no aggregate, so every group is built and then discarded: move it to WHERE to filter the rows before grouping."] });

    [Test]
    public void Each_and_operand_is_judged_alone() =>
        Verifier.Verify(
            "SELECT customer_id, sum(total) FROM orders o GROUP BY customer_id HAVING sum(total) > 100 AND [|o.customer_id IS NOT NULL|];",
            new VerifyOptions { ExpectedMessages = ["HAVING o.customer_id IS NOT NULL uses no aggregate, so every group is built and then discarded: move it to WHERE to filter the rows before grouping."] });

    [Test]
    public void Aggregates_function_calls_and_subqueries_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT status, count(*) FROM orders GROUP BY status HAVING count(*) > 10;
            SELECT status FROM orders GROUP BY status HAVING my_agg(total) > 0;
            SELECT status FROM orders GROUP BY status HAVING status IN (SELECT status FROM open_statuses);
            """);
}
