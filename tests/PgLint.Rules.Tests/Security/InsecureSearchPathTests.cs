using PgLint.Rules.Security;

namespace PgLint.Rules.Tests.Security;

public sealed class InsecureSearchPathTests
{
    [Test]
    public void Public_on_the_path_of_a_security_definer_function_is_reported() =>
        AnalyzerVerifier<InsecureSearchPath>.Verify(
            "CREATE FUNCTION app.f() RETURNS int LANGUAGE sql SECURITY DEFINER [|SET search_path = public, pg_temp|] AS $$ SELECT 1 $$;",
            new VerifyOptions { ExpectedMessages = ["The search_path of SECURITY DEFINER routine app.f includes public, where callers may create objects, so a caller can put objects there that the routine uses with its owner's privileges."] });

    [Test]
    public void A_quoted_list_and_pg_temp_not_last_are_reported() =>
        AnalyzerVerifier<InsecureSearchPath>.Verify(
            """
            CREATE FUNCTION app.f() RETURNS int LANGUAGE sql SECURITY DEFINER [|SET search_path = 'app, pg_temp'|] AS $$ SELECT 1 $$;
            CREATE FUNCTION app.g() RETURNS int LANGUAGE sql SECURITY DEFINER [|SET search_path = pg_temp, app|] AS $$ SELECT 1 $$;
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "The search_path of SECURITY DEFINER routine app.f is the single quoted string 'app, pg_temp', which names one schema, not a list, so a caller can put objects there that the routine uses with its owner's privileges.",
                    "The search_path of SECURITY DEFINER routine app.g puts pg_temp before other schemas instead of last, so a caller can put objects there that the routine uses with its owner's privileges.",
                ],
            });

    [Test]
    public void A_safe_path_and_public_on_an_invoker_function_are_not_reported() =>
        AnalyzerVerifier<InsecureSearchPath>.Verify("""
            CREATE FUNCTION app.f() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = app, pg_temp AS $$ SELECT 1 $$;
            CREATE FUNCTION app.g() RETURNS int LANGUAGE sql SET search_path = public AS $$ SELECT 1 $$;
            """);
}
