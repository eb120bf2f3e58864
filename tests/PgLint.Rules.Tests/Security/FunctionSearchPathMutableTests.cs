using PgLint.Rules.Security;

namespace PgLint.Rules.Tests.Security;

public sealed class FunctionSearchPathMutableTests
{
    [Test]
    public void A_function_without_search_path_is_reported_on_its_name() =>
        AnalyzerVerifier<FunctionSearchPathMutable>.Verify(
            "CREATE OR REPLACE FUNCTION [|app.total|](o bigint) RETURNS numeric LANGUAGE sql AS $$ SELECT sum(amount) FROM lines WHERE order_id = o $$;",
            new VerifyOptions { ExpectedMessages = ["Function app.total has no SET search_path, so the objects it names are looked up in whatever search_path its caller has."] });

    [Test]
    public void Functions_with_a_search_path_set_now_or_later_in_the_file_are_not_reported() =>
        AnalyzerVerifier<FunctionSearchPathMutable>.Verify("""
            CREATE FUNCTION app.a() RETURNS int LANGUAGE sql SET search_path = '' AS $$ SELECT 1 $$;
            CREATE FUNCTION app.b() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
            ALTER FUNCTION app.b() SET search_path = app, pg_temp;
            """);

    [Test]
    public void Security_definer_c_functions_and_procedures_are_left_to_other_rules() =>
        AnalyzerVerifier<FunctionSearchPathMutable>.Verify("""
            CREATE FUNCTION app.a() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;
            CREATE FUNCTION app.c(int) RETURNS int LANGUAGE c AS 'my_lib', 'my_func';
            CREATE PROCEDURE app.p() LANGUAGE sql AS $$ SELECT 1 $$;
            """);
}

public sealed class FunctionSearchPathMutableProfileTests
{
    [Test]
    public void It_is_off_by_default_and_a_warning_in_the_extension_script_profile()
    {
        LintSettings.DefaultState(PgLint.Rules.Security.FunctionSearchPathMutable.Rule, Profiles.AppMigration).Should().Be(new RuleState(false, Severity.Info));
        LintSettings.DefaultState(PgLint.Rules.Security.FunctionSearchPathMutable.Rule, Profiles.ExtensionScript).Should().Be(new RuleState(true, Severity.Warning));
    }
}
