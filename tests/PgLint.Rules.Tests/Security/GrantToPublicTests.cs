using PgLint.Rules.Security;
using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.GrantToPublic>;

namespace PgLint.Rules.Tests.Security;

public sealed class GrantToPublicTests
{
    [Test]
    public void Select_on_a_table_to_public_is_reported() =>
        Verifier.Verify(
            "GRANT SELECT ON app.orders TO [|PUBLIC|];",
            new VerifyOptions { ExpectedMessages = ["Granting SELECT on table app.orders to PUBLIC gives it to every role in the database, present and future; grant it to the role that needs it."] });

    [Test]
    public void Default_privileges_to_public_are_reported() =>
        Verifier.Verify("ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT, INSERT ON TABLES TO [|public|];");

    [Test]
    public void Grant_to_a_role_is_not_reported() =>
        Verifier.Verify("GRANT SELECT ON app.orders TO app_reader;");

    [Test]
    public void Usage_on_a_schema_and_execute_on_a_function_are_not_reported() =>
        Verifier.Verify(
            """
            GRANT USAGE ON SCHEMA app TO PUBLIC;
            GRANT EXECUTE ON FUNCTION app.order_total(bigint) TO PUBLIC;
            REVOKE ALL ON app.orders FROM PUBLIC;
            """);

    [Test]
    public void Create_on_a_schema_is_reported() =>
        Verifier.Verify("GRANT USAGE, CREATE ON SCHEMA app TO [|PUBLIC|];", new VerifyOptions { ExpectedMessages = ["Granting CREATE on schema app to PUBLIC gives it to every role in the database, present and future; grant it to the role that needs it."] });

    [Test]
    public void Grant_inside_a_do_block_is_reported() =>
        Verifier.Verify(
            """
            DO $$
            BEGIN
                GRANT SELECT ON app.orders TO [|PUBLIC|];
            END
            $$;
            """);

    [Test]
    public void The_extension_script_profile_makes_it_informational() =>
        LintSettings.DefaultState(GrantToPublic.Rule, Profiles.ExtensionScript).Should().Be(new RuleState(true, Severity.Info));
}
