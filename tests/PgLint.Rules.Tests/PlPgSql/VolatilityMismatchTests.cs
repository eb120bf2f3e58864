using PgLint.Rules.PlPgSql;

namespace PgLint.Rules.Tests.PlPgSql;

public sealed class VolatilityMismatchTests
{
    [Test]
    public void A_volatile_function_that_only_reads_is_reported() =>
        AnalyzerVerifier<VolatilityMismatch>.Verify(
            "CREATE FUNCTION [|app.item_count|]() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM app.items $$;",
            new VerifyOptions { ExpectedMessages = ["Function app.item_count only reads the database but is VOLATILE; declared STABLE, the planner can call it once per scan and use it in index conditions."] });

    [Test]
    public void An_immutable_plpgsql_function_that_reads_a_table_is_reported_on_immutable() =>
        AnalyzerVerifier<VolatilityMismatch>.Verify(
            """
            CREATE FUNCTION app.rate(c text) RETURNS numeric LANGUAGE plpgsql [|IMMUTABLE|] AS $$
            DECLARE r numeric;
            BEGIN
              SELECT rate INTO r FROM app.rates WHERE currency = c;
              RETURN r;
            END $$;
            """,
            new VerifyOptions { ExpectedMessages = ["Function app.rate is IMMUTABLE but reads tables; PostgreSQL may compute it once and keep the result (in plans, in expression indexes) after the tables change."] });

    [Test]
    public void Writing_calling_unknown_functions_and_stable_functions_are_not_reported() =>
        AnalyzerVerifier<VolatilityMismatch>.Verify("""
            CREATE FUNCTION app.a() RETURNS bigint LANGUAGE sql AS $$ UPDATE app.items SET n = n + 1 RETURNING n $$;
            CREATE FUNCTION app.b() RETURNS bigint LANGUAGE sql AS $$ SELECT app.compute(id) FROM app.items LIMIT 1 $$;
            CREATE FUNCTION app.c() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM app.items $$;
            CREATE FUNCTION app.d() RETURNS bigint LANGUAGE sql AS $$ SELECT nextval('app.seq') $$;
            CREATE FUNCTION app.e() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM app.items FOR UPDATE $$;
            """);
}
