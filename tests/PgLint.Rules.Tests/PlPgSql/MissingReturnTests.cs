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

    [Test]
    public void Trigger_functions_that_return_for_insert_update_and_delete_are_not_reported() =>
        AnalyzerVerifier<MissingReturn>.Verify("""
            CREATE FUNCTION app.view_dml() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                INSERT INTO app.base VALUES (NEW.a);
                RETURN NEW;
              ELSIF TG_OP = 'UPDATE' THEN
                UPDATE app.base SET a = NEW.a WHERE a = OLD.a;
                RETURN NEW;
              ELSIF TG_OP = 'DELETE' THEN
                DELETE FROM app.base WHERE a = OLD.a;
                RETURN OLD;
              END IF;
            END $$;
            CREATE FUNCTION app.hub() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF tg_op = 'INSERT' OR tg_op = 'UPDATE' THEN
                RETURN NEW;
              END IF;
              IF tg_op = 'DELETE' THEN
                RETURN OLD;
              END IF;
            END $$;
            """);

    [Test]
    public void Trigger_functions_that_leave_an_operation_without_return_are_reported() =>
        AnalyzerVerifier<MissingReturn>.Verify("""
            CREATE FUNCTION [|app.partial|]() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                RETURN NEW;
              ELSIF TG_OP = 'UPDATE' THEN
                PERFORM 1;
              ELSIF TG_OP = 'DELETE' THEN
                RETURN OLD;
              END IF;
            END $$;
            CREATE FUNCTION [|app.nothing|]() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
            """);

    [Test]
    public void A_block_whose_body_always_raises_and_whose_handler_returns_is_not_reported() =>
        AnalyzerVerifier<MissingReturn>.Verify("""
            CREATE FUNCTION app.error_text() RETURNS text LANGUAGE plpgsql AS $$
            BEGIN
              BEGIN
                PERFORM 1/0;
              EXCEPTION WHEN OTHERS THEN
                RETURN SQLERRM;
              END;
            END $$;
            CREATE FUNCTION [|app.maybe|](d int) RETURNS text LANGUAGE plpgsql AS $$
            BEGIN
              BEGIN
                PERFORM 1/d;
              EXCEPTION WHEN OTHERS THEN
                RETURN SQLERRM;
              END;
            END $$;
            """);
}
