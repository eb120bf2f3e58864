using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.ViewBypassesRls>;

namespace PgLint.Rules.Tests.Security;

public sealed class ViewBypassesRlsTests
{
    private const string Documents = """
        CREATE TABLE app.documents (id bigint PRIMARY KEY, owner_id bigint NOT NULL, title text);
        ALTER TABLE app.documents ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_rows ON app.documents USING (owner_id = current_setting('app.user_id')::bigint);
        """;

    [Test]
    public void View_over_a_table_with_rls_is_reported() =>
        Verifier.Verify(
            Documents + "\n[|CREATE VIEW app.document_titles AS SELECT id, title FROM app.documents|];",
            new VerifyOptions { ExpectedMessages = ["View app.document_titles reads app.documents, which has row-level security, with the privileges of the view's owner, so its policies do not filter what other roles see through the view; create it WITH (security_invoker = true)."] });

    [Test]
    public void Security_invoker_view_is_not_reported() =>
        Verifier.Verify(Documents + "\nCREATE VIEW app.document_titles WITH (security_invoker = true) AS SELECT id, title FROM app.documents;");

    [Test]
    public void Security_invoker_set_later_is_enough() =>
        Verifier.Verify(Documents + "\nCREATE VIEW app.document_titles AS SELECT id, title FROM app.documents;\nALTER VIEW app.document_titles SET (security_invoker = on);");

    [Test]
    public void View_over_a_table_without_rls_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE app.products (id bigint PRIMARY KEY, name text);
            CREATE VIEW app.product_names AS SELECT name FROM app.products;
            """);

    [Test]
    public void Rls_enabled_after_the_view_counts() =>
        Verifier.Verify(
            """
            CREATE TABLE app.documents (id bigint PRIMARY KEY, owner_id bigint NOT NULL, title text);
            [|CREATE VIEW app.document_titles AS SELECT d.title FROM app.documents d JOIN app.documents e USING (id)|];
            ALTER TABLE app.documents ENABLE ROW LEVEL SECURITY;
            """);

    [Test]
    public void Before_postgres_15_it_is_not_reported() =>
        Verifier.Verify(
            Documents + "\nCREATE VIEW app.document_titles AS SELECT id, title FROM app.documents;",
            new VerifyOptions { PostgresVersion = new PostgresVersion(14, 0) });

    [Test]
    public void View_created_in_a_do_block_is_reported() =>
        Verifier.Verify(
            Documents + "\nDO $$\nBEGIN\n    [|CREATE VIEW app.document_titles AS SELECT id, title FROM app.documents|];\nEND\n$$;");
}
