using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.DisableRls>;

namespace PgLint.Rules.Tests.Security;

public sealed class DisableRlsTests
{
    [Test]
    public void Disabling_rls_is_reported() =>
        Verifier.Verify(
            "[|ALTER TABLE app.documents DISABLE ROW LEVEL SECURITY|];",
            new VerifyOptions { ExpectedMessages = ["DISABLE ROW LEVEL SECURITY on app.documents stops every policy of the table from filtering rows: each role with table privileges sees and changes every row."] });

    [Test]
    public void No_force_is_reported() =>
        Verifier.Verify("[|ALTER TABLE app.documents NO FORCE ROW LEVEL SECURITY|];");

    [Test]
    public void Enabling_and_forcing_are_not_reported() =>
        Verifier.Verify("ALTER TABLE app.documents ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;");

    [Test]
    public void Table_created_in_the_same_file_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE app.documents (id bigint PRIMARY KEY);
            ALTER TABLE app.documents DISABLE ROW LEVEL SECURITY;
            """);

    [Test]
    public void Disabling_in_a_function_body_is_reported() =>
        Verifier.Verify(
            """
            CREATE FUNCTION app.open_up() RETURNS void LANGUAGE plpgsql SET search_path = app, pg_temp AS $$
            BEGIN
                [|ALTER TABLE app.documents DISABLE ROW LEVEL SECURITY|];
            END
            $$;
            """);
}
