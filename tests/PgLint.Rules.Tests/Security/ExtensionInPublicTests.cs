using PgLint.Rules.Security;
using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.ExtensionInPublic>;

namespace PgLint.Rules.Tests.Security;

public sealed class ExtensionInPublicTests
{
    [Test]
    public void Extension_without_schema_is_reported() =>
        Verifier.Verify(
            "[|CREATE EXTENSION IF NOT EXISTS pg_trgm|];",
            new VerifyOptions { ExpectedMessages = ["Extension pg_trgm is installed into the first schema of the search_path (usually public), where its functions and operators mix with application objects on every role's search_path; install it with SCHEMA into a dedicated schema such as extensions."] });

    [Test]
    public void Extension_into_public_is_reported() =>
        Verifier.Verify("[|CREATE EXTENSION citext SCHEMA public|];");

    [Test]
    public void Extension_into_its_own_schema_is_not_reported() =>
        Verifier.Verify("CREATE EXTENSION citext WITH SCHEMA extensions;");

    [Test]
    public void Extensions_with_a_fixed_schema_are_not_reported() =>
        Verifier.Verify("CREATE EXTENSION IF NOT EXISTS plpgsql;\nCREATE EXTENSION IF NOT EXISTS pg_cron;");

    [Test]
    public void Extension_in_a_do_block_is_reported() =>
        Verifier.Verify(
            """
            DO $$
            BEGIN
                [|CREATE EXTENSION pgcrypto|];
            END
            $$;
            """);

    [Test]
    public void The_extension_script_profile_makes_it_a_warning() =>
        LintSettings.DefaultState(ExtensionInPublic.Rule, Profiles.ExtensionScript).Should().Be(new RuleState(true, Severity.Warning));
}
