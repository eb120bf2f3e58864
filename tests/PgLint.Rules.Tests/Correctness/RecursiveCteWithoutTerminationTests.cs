using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.RecursiveCteWithoutTermination>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class RecursiveCteWithoutTerminationTests
{
    [Test]
    public void Recursive_term_without_a_bound_is_reported() =>
        Verifier.Verify(
            "WITH RECURSIVE [|counter|](n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter) SELECT n FROM counter;",
            new VerifyOptions { ExpectedMessages = ["The recursive term of counter has no WHERE or join condition and the query has no LIMIT, so nothing visible ends the recursion; add a condition that fails eventually (a depth limit) or a CYCLE clause."] });

    [Test]
    public void Where_join_condition_limit_and_cycle_bound_it() =>
        Verifier.Verify(
            """
            WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter WHERE n < 10) SELECT n FROM counter;
            WITH RECURSIVE tree AS (SELECT id, parent_id FROM nodes WHERE id = $1 UNION ALL SELECT c.id, c.parent_id FROM nodes c JOIN tree t ON c.parent_id = t.id) SELECT id FROM tree;
            WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter) SELECT n FROM counter LIMIT 10;
            WITH RECURSIVE walk AS (SELECT id FROM nodes UNION ALL SELECT n.id FROM nodes n, walk w) CYCLE id SET looped USING path SELECT id FROM walk;
            WITH numbers AS (SELECT 1 AS n) SELECT n FROM numbers;
            """);
}
