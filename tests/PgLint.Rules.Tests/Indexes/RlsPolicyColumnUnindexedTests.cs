using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Indexes.RlsPolicyColumnUnindexed>;

namespace PgLint.Rules.Tests.Indexes;

public sealed class RlsPolicyColumnUnindexedTests
{
    private const string Documents = """
        CREATE TABLE documents (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, owner_id bigint NOT NULL, title text);
        ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
        """;

    [Test]
    public void Policy_on_an_unindexed_column_is_reported() =>
        Verifier.Verify(
            Documents + "\n[|CREATE POLICY tenant_rows ON documents USING (tenant_id = current_setting('app.tenant_id')::bigint)|];",
            new VerifyOptions { ExpectedMessages = ["Policy tenant_rows on public.documents filters on tenant_id, which no index of public.documents starts with, so every query the policy applies to scans the table for its rows; create an index on (tenant_id)."] });

    [Test]
    public void Index_created_later_in_the_set_is_enough() =>
        Verifier.Verify(
            Documents + "\nCREATE POLICY tenant_rows ON documents USING (tenant_id = current_setting('app.tenant_id')::bigint);\nCREATE INDEX documents_tenant_id_idx ON documents (tenant_id, id);");

    [Test]
    public void One_indexed_column_among_the_conditions_is_enough() =>
        Verifier.Verify(
            Documents + "\nCREATE INDEX documents_owner_idx ON documents (owner_id);\nCREATE POLICY p ON documents USING (tenant_id = 1 AND owner_id = 2);");

    [Test]
    public void Column_in_a_subquery_membership_is_reported() =>
        Verifier.Verify(Documents + "\n[|CREATE POLICY p ON documents USING (tenant_id IN (SELECT tenant_id FROM memberships WHERE user_id = 7))|];");

    [Test]
    public void Conditions_under_or_ranges_and_with_check_are_not_reported() =>
        Verifier.Verify(
            Documents + "\nCREATE POLICY p ON documents USING (tenant_id = 1 OR owner_id = 2);\nCREATE POLICY q ON documents FOR INSERT WITH CHECK (tenant_id = 1);\nCREATE POLICY r ON documents FOR SELECT USING (owner_id < 8);\nCREATE POLICY s ON documents USING (owner_id = (SELECT d.owner_id FROM documents d WHERE d.id = title::bigint));");
}
