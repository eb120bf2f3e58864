using PgLint.Rules.PlPgSql;

namespace PgLint.Rules.Tests.PlPgSql;

public sealed class SwallowedExceptionTests
{
    [Test]
    public void When_others_then_null_is_reported_on_others() =>
        AnalyzerVerifier<SwallowedException>.Verify(
            """
            CREATE FUNCTION app.sync() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO app.mirror SELECT * FROM app.source;
            EXCEPTION WHEN [|OTHERS|] THEN NULL;
            END $$;
            """,
            new VerifyOptions { ExpectedMessages = ["WHEN OTHERS THEN NULL in app.sync discards every error: the block's changes are rolled back and the caller is never told."] });

    [Test]
    public void Only_the_empty_others_handler_of_nested_blocks_is_reported() =>
        AnalyzerVerifier<SwallowedException>.Verify("""
            DO $$
            BEGIN
              BEGIN
                CREATE TYPE app.mood AS ENUM ('ok');
              EXCEPTION WHEN duplicate_object OR [|others|] THEN NULL;
              END;
              PERFORM 1;
            EXCEPTION WHEN OTHERS THEN
              RAISE WARNING 'failed: %', SQLERRM;
            END $$;
            """);

    [Test]
    public void A_named_condition_ignored_on_purpose_is_not_reported() =>
        AnalyzerVerifier<SwallowedException>.Verify("""
            DO $$
            BEGIN
              CREATE TYPE app.mood AS ENUM ('ok');
            EXCEPTION WHEN duplicate_object THEN NULL;
            END $$;
            """);
}
