using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.PolicyWithoutRls>;

namespace PgLint.Rules.Tests.Security;

public sealed class PolicyWithoutRlsTests
{
    [Test]
    public void Policy_on_a_table_without_rls_is_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE documents (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
            [|CREATE POLICY owner_only ON documents USING (owner_id = 1)|];
            """,
            new VerifyOptions { ExpectedMessages = ["Policy owner_only on public.documents has no effect: row-level security is never enabled on public.documents."] });

    [Test]
    public void Rls_enabled_in_a_later_file_is_enough() =>
        Verifier.Verify(
            "ALTER TABLE documents ENABLE ROW LEVEL SECURITY;",
            new VerifyOptions { PrecedingFiles = ["CREATE TABLE documents (id bigint PRIMARY KEY);\nCREATE POLICY p ON documents USING (true);"] });

    [Test]
    public void Policy_on_a_table_the_catalog_does_not_know_is_not_reported() =>
        Verifier.Verify("CREATE POLICY p ON documents USING (true);");

    [Test]
    public void Rls_disabled_at_the_end_is_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE documents (id bigint PRIMARY KEY);
            ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
            [|CREATE POLICY p ON documents USING (true)|];
            ALTER TABLE documents DISABLE ROW LEVEL SECURITY;
            """);
}
