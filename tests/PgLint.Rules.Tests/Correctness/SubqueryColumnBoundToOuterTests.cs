using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.SubqueryColumnBoundToOuter>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class SubqueryColumnBoundToOuterTests
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, user_id bigint);
        CREATE TABLE sessions (id bigint PRIMARY KEY, account_id bigint NOT NULL);
        """;

    [Test]
    public void Column_missing_from_the_subquery_table_is_reported() =>
        Verifier.Verify(
            Schema + "\nDELETE FROM users WHERE user_id IN (SELECT [|user_id|] FROM sessions);",
            new VerifyOptions { ExpectedMessages = ["public.sessions has no column user_id, so user_id in this IN subquery refers to the outer query and the condition is true for every row where it is not NULL; select a column of public.sessions or qualify the name."] });

    [Test]
    public void Existing_columns_unknown_tables_ctes_and_whole_rows_are_not_reported() =>
        Verifier.Verify(
            Schema + """

            SELECT id FROM users WHERE id IN (SELECT account_id FROM sessions);
            SELECT id FROM users WHERE id IN (SELECT ctid FROM sessions);
            SELECT id FROM users WHERE user_id IN (SELECT user_id FROM audit_log);
            WITH sessions AS (SELECT 1 AS user_id) SELECT id FROM users WHERE user_id IN (SELECT user_id FROM sessions);
            SELECT id FROM users u WHERE (u.id, u.user_id) IN (SELECT s FROM sessions s);
            """);
}
