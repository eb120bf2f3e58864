using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.GrantAll>;

namespace PgLint.Rules.Tests.Security;

public sealed class GrantAllTests
{
    [Test]
    public void Grant_all_on_a_table_is_reported() =>
        Verifier.Verify(
            "GRANT [|ALL|] ON app.orders TO app_writer;",
            new VerifyOptions { ExpectedMessages = ["GRANT ALL on table app.orders to app_writer also gives DELETE, TRUNCATE, REFERENCES and TRIGGER (and every table privilege a later PostgreSQL adds); list the privileges the role uses."] });

    [Test]
    public void Grant_all_privileges_on_all_tables_in_schema_is_reported() =>
        Verifier.Verify("GRANT [|ALL|] PRIVILEGES ON ALL TABLES IN SCHEMA app TO app_writer;");

    [Test]
    public void Listed_privileges_are_not_reported() =>
        Verifier.Verify("GRANT SELECT, INSERT, UPDATE ON app.orders TO app_writer;");

    [Test]
    public void Revoke_all_and_all_on_a_function_are_not_reported() =>
        Verifier.Verify(
            """
            REVOKE ALL ON app.orders FROM PUBLIC;
            GRANT ALL ON FUNCTION app.order_total(bigint) TO app_writer;
            """);

    [Test]
    public void Grant_all_on_a_large_object_names_it() =>
        Verifier.Verify(
            "GRANT [|ALL|] ON LARGE OBJECT 1001 TO app_writer;",
            new VerifyOptions { ExpectedMessages = ["GRANT ALL on large object 1001 to app_writer also gives UPDATE; list the privileges the role uses."] });

    [Test]
    public void Grant_all_on_a_schema_names_create() =>
        Verifier.Verify(
            "GRANT [|ALL|] ON SCHEMA app TO app_writer;",
            new VerifyOptions { ExpectedMessages = ["GRANT ALL on schema app to app_writer also gives CREATE, which lets the role put objects into the schema; list the privileges the role uses."] });

    [Test]
    public void Grant_all_inside_a_function_body_is_reported() =>
        Verifier.Verify(
            """
            CREATE FUNCTION app.setup_tenant(p_role text) RETURNS void LANGUAGE plpgsql SET search_path = app, pg_temp AS $$
            BEGIN
                GRANT [|ALL|] ON app.orders TO app_writer;
            END
            $$;
            """);
}
