using PgLint.Rules.PlPgSql;

namespace PgLint.Rules.Tests.PlPgSql;

public sealed class PlpgsqlSyntaxErrorTests
{
    [Test]
    public void A_body_that_does_not_parse_is_reported_at_the_token_and_later_statements_are_still_linted() =>
        AnalyzerVerifier<PlpgsqlSyntaxError>.Verify(
            """
            CREATE FUNCTION app.f() RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
              IF true THEN
                RETURN 1;
              END IF
              [|RETURN|] 2;
            END $$;
            DO $$ BEGIN [|x|] := 1; END $$;
            DO $$ BEGIN PERFORM 1; END $$;
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "The PL/pgSQL body of function app.f does not parse: syntax error at or near \"RETURN\".",
                    "The PL/pgSQL body of the DO block does not parse: \"x\" is not a known variable.",
                ],
            });

    [Test]
    public void Valid_bodies_in_dollar_and_single_quotes_are_not_reported() =>
        AnalyzerVerifier<PlpgsqlSyntaxError>.Verify("""
            CREATE FUNCTION app.f(n int) RETURNS int LANGUAGE plpgsql AS 'BEGIN RETURN n + length(''x''); END';
            CREATE PROCEDURE app.p() LANGUAGE plpgsql AS $body$ BEGIN COMMIT; END $body$;
            """);

    [Test]
    public void Bodies_valid_in_postgresql_that_need_type_information_are_not_reported() =>
        AnalyzerVerifier<PlpgsqlSyntaxError>.Verify("""
            CREATE FUNCTION app.first_name(refcursor) RETURNS text LANGUAGE plpgsql AS $$
            DECLARE
              c refcursor := $1;
              name text COLLATE "C";
            BEGIN
              FETCH c INTO name;
              RETURN name;
            END $$;
            CREATE FUNCTION app.sum_of(s app.pair_state) RETURNS app.pair_state LANGUAGE plpgsql AS $$
            DECLARE
              r app.pair_state;
              c CURSOR (lo int) FOR SELECT * FROM generate_series(lo, 10) i;
            BEGIN
              FOR x IN c(5) LOOP
                r.total := s.total + x.i;
              END LOOP;
              RETURN r;
            END $$;
            CREATE FUNCTION app.pairs() RETURNS TABLE (a int, b int) LANGUAGE plpgsql AS $$
            BEGIN
              a := 1; b := 2;
              RETURN NEXT;
            END $$;
            """);
}
