using PgLint.Rules.Security;

namespace PgLint.Rules.Tests.Security;

public sealed class SecurityDefinerWithoutSearchPathTests
{
    [Test]
    public void Security_definer_without_search_path_is_reported() =>
        AnalyzerVerifier<SecurityDefinerWithoutSearchPath>.Verify(
            "CREATE FUNCTION app.whoami() RETURNS text LANGUAGE sql [|SECURITY DEFINER|] AS $$ SELECT current_user $$;",
            new VerifyOptions { ExpectedMessages = ["SECURITY DEFINER routine app.whoami has no SET search_path, so a caller can put objects on its search_path that it then uses with its owner's privileges."] });

    [Test]
    public void Security_definer_with_search_path_and_security_invoker_are_not_reported() =>
        AnalyzerVerifier<SecurityDefinerWithoutSearchPath>.Verify("""
            CREATE FUNCTION app.whoami() RETURNS text LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ SELECT current_user $$;
            CREATE FUNCTION app.me() RETURNS text LANGUAGE sql SECURITY INVOKER AS $$ SELECT current_user $$;
            """);

    [Test]
    public void A_search_path_set_later_in_the_file_settles_it() =>
        AnalyzerVerifier<SecurityDefinerWithoutSearchPath>.Verify("""
            CREATE PROCEDURE app.rotate() LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;
            ALTER PROCEDURE app.rotate() SET search_path = app, pg_temp;
            CREATE FUNCTION app.other() RETURNS int LANGUAGE sql [|SECURITY DEFINER|] AS $$ SELECT 1 $$;
            """);
}
