using PgLint.Rules.Security;
using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.CreateOrReplaceInSharedSchema>;

namespace PgLint.Rules.Tests.Security;

public sealed class CreateOrReplaceInSharedSchemaTests
{
    private static readonly VerifyOptions On = new() { EnabledRules = ["PG5013"] };

    [Test]
    public void Create_or_replace_function_in_the_install_schema_is_reported() =>
        Verifier.Verify(
            "CREATE OR REPLACE FUNCTION [|normalize_email|](text) RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$ SELECT lower($1) $$;",
            new VerifyOptions
            {
                EnabledRules = ["PG5013"],
                ExpectedMessages = ["CREATE OR REPLACE FUNCTION normalize_email in the schema the script is installed into, which this script did not create, would take over a same-named object another role created there first, whose owner keeps the right to change it; use plain CREATE so that an existing object makes the script fail."],
            });

    [Test]
    public void If_not_exists_table_in_public_is_reported() =>
        Verifier.Verify("CREATE TABLE IF NOT EXISTS [|public.settings|] (key text PRIMARY KEY, value text);", On);

    [Test]
    public void Objects_in_a_schema_the_script_created_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE SCHEMA mailer;
            CREATE OR REPLACE FUNCTION mailer.normalize_email(text) RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$ SELECT lower($1) $$;
            CREATE TABLE IF NOT EXISTS mailer.settings (key text PRIMARY KEY, value text);
            """,
            On);

    [Test]
    public void Replacing_a_function_created_earlier_in_the_set_is_not_reported() =>
        Verifier.Verify(
            "CREATE OR REPLACE FUNCTION normalize_email(text) RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$ SELECT lower(trim($1)) $$;",
            new VerifyOptions
            {
                EnabledRules = ["PG5013"],
                PrecedingFiles = ["CREATE FUNCTION normalize_email(text) RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$ SELECT lower($1) $$;"],
            });

    [Test]
    public void Schema_if_not_exists_does_not_make_the_schema_ours() =>
        Verifier.Verify(
            """
            CREATE SCHEMA IF NOT EXISTS mailer;
            CREATE OR REPLACE VIEW [|mailer.queue|] AS SELECT 1 AS id;
            """,
            On);

    [Test]
    public void Plain_create_and_temporary_tables_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE FUNCTION normalize_email(text) RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$ SELECT lower($1) $$;
            CREATE TEMPORARY TABLE IF NOT EXISTS scratch (id int);
            """,
            On);

    [Test]
    public void Off_by_default_and_a_warning_for_extension_scripts()
    {
        LintSettings.DefaultState(CreateOrReplaceInSharedSchema.Rule, Profiles.AppMigration).Enabled.Should().BeFalse();
        LintSettings.DefaultState(CreateOrReplaceInSharedSchema.Rule, Profiles.ExtensionScript).Should().Be(new RuleState(true, Severity.Warning));
    }
}
