using PgLint.Rules.Security;

namespace PgLint.Rules.Tests.Security;

public sealed class DynamicSqlInjectionTests
{
    [Test]
    public void Concatenating_a_parameter_into_execute_is_reported() =>
        AnalyzerVerifier<DynamicSqlInjection>.Verify(
            """
            CREATE FUNCTION purge(tbl text) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              EXECUTE 'DELETE FROM ' || [|tbl|];
            END $$;
            """,
            new VerifyOptions { ExpectedMessages = ["EXECUTE builds SQL from tbl without quote_ident, quote_literal or format's %I/%L, so a crafted value can change the statement it runs."] });

    [Test]
    public void Format_with_I_is_not_reported_and_format_with_s_is() =>
        AnalyzerVerifier<DynamicSqlInjection>.Verify("""
            CREATE FUNCTION purge(tbl text, cond text) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              EXECUTE format('DELETE FROM %I', tbl);
              EXECUTE format('DELETE FROM %I WHERE %s', tbl, [|cond|]);
              EXECUTE 'DELETE FROM ' || quote_ident(tbl) || ' WHERE note = ' || quote_literal(cond);
            END $$;
            """);

    [Test]
    public void A_variable_assigned_from_a_parameter_carries_it_and_one_holding_a_quoted_value_does_not() =>
        AnalyzerVerifier<DynamicSqlInjection>.Verify("""
            CREATE FUNCTION archive(tbl text) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
              raw text := 'x_' || tbl;
              safe text;
              sql text;
            BEGIN
              safe := quote_ident(tbl);
              EXECUTE 'TRUNCATE ' || safe;
              sql := format('DROP TABLE %s', raw);
              EXECUTE [|sql|];
            END $$;
            """);

    [Test]
    public void Constant_strings_using_parameters_and_numeric_parameters_are_not_reported() =>
        AnalyzerVerifier<DynamicSqlInjection>.Verify("""
            CREATE FUNCTION trim_log(keep integer, who text) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              EXECUTE 'DELETE FROM log WHERE who = $1' USING who;
              EXECUTE 'DELETE FROM log WHERE id < ' || keep;
              EXECUTE format('SET LOCAL statement_timeout = %s', keep);
            END $$;
            """);

    [Test]
    public void Values_read_from_a_table_in_a_do_block_are_reported() =>
        AnalyzerVerifier<DynamicSqlInjection>.Verify("""
            DO $$
            DECLARE r record;
            BEGIN
              FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'app' LOOP
                EXECUTE 'ANALYZE ' || [|r.tablename|];
              END LOOP;
            END $$;
            """);
}
