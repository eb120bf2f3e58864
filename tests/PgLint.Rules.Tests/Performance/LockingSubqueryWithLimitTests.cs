using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.LockingSubqueryWithLimit>;

namespace PgLint.Rules.Tests.Performance;

public sealed class LockingSubqueryWithLimitTests
{
    [Test]
    public void Limited_locking_subquery_in_delete_is_reported() =>
        Verifier.Verify(
            "DELETE FROM jobs WHERE id IN [|(SELECT id FROM jobs WHERE run_at <= now() ORDER BY run_at LIMIT 10 FOR UPDATE SKIP LOCKED)|] RETURNING id;",
            new VerifyOptions { ExpectedMessages = ["A LIMIT … FOR UPDATE subquery inside DELETE can be evaluated more than once, so the statement may lock and change more rows than the LIMIT; select the batch in a WITH … AS MATERIALIZED CTE and join to it."] });

    [Test]
    public void Limited_locking_subquery_in_update_is_reported() =>
        Verifier.Verify("UPDATE jobs SET locked_by = $1 WHERE id = [|(SELECT id FROM jobs ORDER BY id LIMIT 1 FOR UPDATE)|];");

    [Test]
    public void Materialized_cte_select_and_unlocked_subqueries_are_not_reported() =>
        Verifier.Verify(
            """
            WITH batch AS MATERIALIZED (SELECT id FROM jobs ORDER BY run_at LIMIT 10 FOR UPDATE SKIP LOCKED)
            DELETE FROM jobs j USING batch WHERE j.id = batch.id;
            SELECT id FROM jobs WHERE id IN (SELECT id FROM jobs ORDER BY id LIMIT 10 FOR UPDATE);
            DELETE FROM jobs WHERE id IN (SELECT id FROM jobs ORDER BY id LIMIT 10);
            """);
}
