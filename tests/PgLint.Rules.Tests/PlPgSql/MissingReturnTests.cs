using PgLint.Rules.PlPgSql;

namespace PgLint.Rules.Tests.PlPgSql;

public sealed class MissingReturnTests
{
    [Test]
    public void A_function_that_returns_only_in_one_branch_is_reported() =>
        AnalyzerVerifier<MissingReturn>.Verify(
            """
            CREATE FUNCTION [|app.sign|](n int) RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
              IF n > 0 THEN
                RETURN 1;
              ELSIF n < 0 THEN
                RETURN -1;
              END IF;
            END $$;
            """,
            new VerifyOptions { ExpectedMessages = ["Function app.sign can reach the end of its body without RETURN, and such a call fails with \"control reached end of function without RETURN\"."] });

    [Test]
    public void Every_path_ending_in_return_raise_or_an_endless_loop_is_not_reported() =>
        AnalyzerVerifier<MissingReturn>.Verify("""
            CREATE FUNCTION app.sign(n int) RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
              IF n > 0 THEN
                RETURN 1;
              ELSIF n < 0 THEN
                RETURN -1;
              ELSE
                RAISE EXCEPTION 'zero';
              END IF;
            END $$;
            CREATE FUNCTION app.next_free() RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
              LOOP
                BEGIN
                  RETURN nextval('app.seq');
                EXCEPTION WHEN unique_violation THEN
                  RETURN 0;
                END;
              END LOOP;
            END $$;
            CREATE FUNCTION app.audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              CASE TG_OP
                WHEN 'INSERT' THEN RETURN NEW;
                WHEN 'DELETE' THEN RETURN OLD;
              END CASE;
            END $$;
            """);

    [Test]
    public void Void_setof_out_parameter_functions_procedures_and_exited_loops_are_judged_correctly() =>
        AnalyzerVerifier<MissingReturn>.Verify("""
            CREATE FUNCTION app.log(t text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE '%', t; END $$;
            CREATE FUNCTION app.ids() RETURNS SETOF int LANGUAGE plpgsql AS $$ BEGIN RETURN NEXT 1; END $$;
            CREATE FUNCTION app.pair(OUT a int, OUT b int) LANGUAGE plpgsql AS $$ BEGIN a := 1; b := 2; END $$;
            CREATE PROCEDURE app.p() LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;
            CREATE FUNCTION [|app.first|]() RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
              LOOP
                EXIT;
              END LOOP;
            END $$;
            """);
}
