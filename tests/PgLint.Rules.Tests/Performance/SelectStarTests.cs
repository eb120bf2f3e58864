using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.SelectStar>;

namespace PgLint.Rules.Tests.Performance;

public sealed class SelectStarTests
{
    [Test]
    public void Star_over_a_table_is_reported() =>
        Verifier.Verify(
            "SELECT [|*|] FROM orders WHERE id = $1;",
            new VerifyOptions { ExpectedMessages = ["SELECT * returns every column of orders, reading and sending columns nobody uses, ruling out index-only scans, and changing with the table; list the columns needed."] });

    [Test]
    public void Qualified_star_in_a_view_is_reported() =>
        Verifier.Verify("CREATE VIEW open_orders AS SELECT [|o.*|], c.name FROM orders o JOIN customers c ON c.id = o.customer_id;");

    [Test]
    public void Exists_count_ctes_and_subqueries_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM customers c WHERE EXISTS (SELECT * FROM orders o WHERE o.customer_id = c.id);
            SELECT count(*) FROM orders;
            WITH recent AS (SELECT id, total FROM orders WHERE created_at > now() - interval '1 day') SELECT * FROM recent;
            SELECT * FROM (SELECT id, total FROM orders) t;
            SELECT * FROM generate_series(1, 3);
            """);
}
