using PgLint.Rules.PlPgSql;

namespace PgLint.Rules.Tests.PlPgSql;

public sealed class UnusedVariableTests
{
    [Test]
    public void A_variable_only_assigned_is_reported_on_its_declaration() =>
        AnalyzerVerifier<UnusedVariable>.Verify(
            """
            CREATE FUNCTION app.touch(p_id bigint) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
              [|v_count|] int;
              v_now timestamptz := now();
            BEGIN
              UPDATE app.items SET touched_at = v_now WHERE id = p_id;
              GET DIAGNOSTICS v_count = ROW_COUNT;
            END $$;
            """,
            new VerifyOptions { ExpectedMessages = ["Variable v_count is declared but never read."] });

    [Test]
    public void Variables_read_in_expressions_records_cursors_and_return_next_are_not_reported() =>
        AnalyzerVerifier<UnusedVariable>.Verify("""
            CREATE FUNCTION app.names() RETURNS SETOF app.items LANGUAGE plpgsql AS $$
            DECLARE
              r app.items;
              c CURSOR FOR SELECT * FROM app.items;
              lim int := 10;
            BEGIN
              FOR r IN SELECT * FROM app.items LIMIT lim LOOP
                RETURN NEXT r;
              END LOOP;
              OPEN c;
              CLOSE c;
            END $$;
            """);

    [Test]
    public void Loop_variables_and_parameters_are_not_reported() =>
        AnalyzerVerifier<UnusedVariable>.Verify("""
            CREATE FUNCTION app.noop(unused int) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              FOR i IN 1..3 LOOP
                PERFORM pg_sleep(0);
              END LOOP;
            END $$;
            """);

    [Test]
    public void Variables_returned_by_return_next_or_return_are_not_reported() =>
        AnalyzerVerifier<UnusedVariable>.Verify("""
            CREATE TYPE app.metrics AS (queue text, depth bigint);
            CREATE FUNCTION app.all_metrics() RETURNS SETOF app.metrics LANGUAGE plpgsql AS $$
            DECLARE
              row_name record;
              result_row app.metrics;
            BEGIN
              FOR row_name IN SELECT queue FROM app.queues LOOP
                result_row := app.metrics_of(row_name.queue);
                RETURN NEXT result_row;
              END LOOP;
            END $$;
            CREATE FUNCTION app.counts() RETURNS SETOF bigint LANGUAGE plpgsql AS $$
            DECLARE
              n bigint;
            BEGIN
              n := 1;
              RETURN NEXT n;
            END $$;
            CREATE FUNCTION app.first_metrics() RETURNS app.metrics LANGUAGE plpgsql AS $$
            DECLARE
              m app.metrics;
            BEGIN
              m := app.metrics_of('default');
              RETURN m;
            END $$;
            """);

    [Test]
    public void The_variable_of_a_simple_case_is_not_reported() =>
        AnalyzerVerifier<UnusedVariable>.Verify("""
            CREATE FUNCTION app.label(p_kind text) RETURNS text LANGUAGE plpgsql AS $$
            BEGIN
              CASE p_kind
                WHEN 'a' THEN RETURN 'alpha';
                ELSE RETURN 'other';
              END CASE;
            END $$;
            """);
}
