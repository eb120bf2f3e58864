using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.RlsEnabledWithoutPolicy>;

namespace PgLint.Rules.Tests.Security;

public sealed class RlsEnabledWithoutPolicyTests
{
    [Test]
    public void Rls_enabled_and_no_policy_by_the_end_is_reported_at_the_enable() =>
        Verifier.Verify(
            """
            CREATE TABLE documents (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
            [|ALTER TABLE documents ENABLE ROW LEVEL SECURITY|];
            """,
            new VerifyOptions { ExpectedMessages = ["Row-level security is enabled on public.documents but no policy exists by the end of the migrations, so every role but the owner sees no rows."] });

    [Test]
    public void Policy_created_in_a_later_file_is_enough() =>
        Verifier.Verify(
            "CREATE POLICY owner_only ON documents USING (owner_id = current_setting('app.user_id')::bigint);",
            new VerifyOptions { PrecedingFiles = ["CREATE TABLE documents (id bigint PRIMARY KEY, owner_id bigint NOT NULL);\nALTER TABLE documents ENABLE ROW LEVEL SECURITY;"] });

    [Test]
    public void Rls_disabled_again_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE documents (id bigint PRIMARY KEY);
            ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
            ALTER TABLE documents DISABLE ROW LEVEL SECURITY;
            """);

    [Test]
    public void Policy_dropped_before_the_end_leaves_the_table_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE documents (id bigint PRIMARY KEY);
            [|ALTER TABLE documents ENABLE ROW LEVEL SECURITY|];
            CREATE POLICY p ON documents USING (true);
            DROP POLICY p ON documents;
            """);
}
