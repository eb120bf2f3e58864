using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.MaterializedCteBlocksPushdown>;

namespace PgLint.Rules.Tests.Performance;

public sealed class MaterializedCteBlocksPushdownTests
{
    [Test]
    public void Materialized_cte_filtered_outside_is_reported() =>
        Verifier.Verify(
            "WITH [|totals|] AS MATERIALIZED (SELECT customer_id, sum(total) AS spent FROM orders GROUP BY customer_id) SELECT spent FROM totals WHERE customer_id = $1;",
            new VerifyOptions { ExpectedMessages = ["CTE totals is materialized (AS MATERIALIZED), so the WHERE applied to it outside runs on its complete result instead of being pushed into it; drop MATERIALIZED, or move the condition into the CTE."] });

    [Test]
    public void Any_cte_is_reported_before_postgres_12_but_not_from_12() =>
        Verifier.Verify(
            "WITH [|recent|] AS (SELECT id, customer_id FROM orders) SELECT r.id FROM recent r WHERE r.customer_id = $1;",
            new VerifyOptions
            {
                PostgresVersion = new PostgresVersion(11, 0),
                ExpectedMessages = ["CTE recent is materialized (every CTE is before PostgreSQL 12), so the WHERE applied to it outside runs on its complete result instead of being pushed into it; move the condition into the CTE, or use a subquery in FROM."],
            });

    [Test]
    public void Inlined_unfiltered_and_twice_used_ctes_are_not_reported() =>
        Verifier.Verify(
            """
            WITH recent AS (SELECT id, customer_id FROM orders) SELECT r.id FROM recent r WHERE r.customer_id = $1;
            WITH totals AS MATERIALIZED (SELECT customer_id, sum(total) AS spent FROM orders GROUP BY customer_id) SELECT spent FROM totals;
            WITH t AS MATERIALIZED (SELECT id FROM orders) SELECT a.id FROM t a JOIN t b ON b.id = a.id WHERE a.id > 10;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT i FROM n WHERE i > 2;
            """);
}
