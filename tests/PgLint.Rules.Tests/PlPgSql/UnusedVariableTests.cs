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
}
