using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.SuperuserOrBypassrlsRole>;

namespace PgLint.Rules.Tests.Security;

public sealed class SuperuserOrBypassrlsRoleTests
{
    [Test]
    public void Superuser_is_reported() =>
        Verifier.Verify(
            "CREATE ROLE deployer LOGIN [|SUPERUSER|];",
            new VerifyOptions { ExpectedMessages = ["Role deployer gets SUPERUSER, so it passes every permission check, can read server files and run programs on the server; give it the privileges it needs instead."] });

    [Test]
    public void Bypassrls_and_createrole_are_reported() =>
        Verifier.Verify("ALTER ROLE reporting WITH [|BYPASSRLS|] [|CREATEROLE|];");

    [Test]
    public void Nosuperuser_and_ordinary_attributes_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE ROLE app_user LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE CONNECTION LIMIT 20;
            ALTER ROLE app_user NOSUPERUSER;
            """);

    [Test]
    public void Superuser_in_a_do_block_is_reported() =>
        Verifier.Verify(
            """
            DO $$
            BEGIN
                ALTER ROLE deployer [|SUPERUSER|];
            END
            $$;
            """);
}
