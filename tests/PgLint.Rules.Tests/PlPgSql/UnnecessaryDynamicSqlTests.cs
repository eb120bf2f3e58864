using PgLint.Rules.PlPgSql;

namespace PgLint.Rules.Tests.PlPgSql;

public sealed class UnnecessaryDynamicSqlTests
{
    [Test]
    public void Execute_of_a_constant_string_is_reported() =>
        AnalyzerVerifier<UnnecessaryDynamicSql>.Verify(
            """
            DO $$
            BEGIN
              EXECUTE [|'GRANT SELECT ON app.items TO ' || 'reporting'|];
            END $$;
            """,
            new VerifyOptions { ExpectedMessages = ["EXECUTE of a constant string: as a plain statement it would be checked when the function is created, planned once, and linted."] });

    [Test]
    public void Execute_of_a_built_string_is_not_reported() =>
        AnalyzerVerifier<UnnecessaryDynamicSql>.Verify("""
            CREATE FUNCTION app.grant_to(r text) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              EXECUTE format('GRANT SELECT ON app.items TO %I', r);
            END $$;
            """);

    [Test]
    public void Constant_strings_that_cannot_be_static_are_not_reported() =>
        AnalyzerVerifier<UnnecessaryDynamicSql>.Verify("""
            DO $$
            BEGIN
              EXECUTE 'CREATE INDEX CONCURRENTLY i ON t (a)';
              EXECUTE 'VACUUM app.items';
              EXECUTE 'SELECT 1; SELECT 2';
            END $$;
            """);

    [Test]
    public void Explain_and_select_into_a_table_are_not_reported() =>
        AnalyzerVerifier<UnnecessaryDynamicSql>.Verify("""
            CREATE FUNCTION app.explain_it() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              EXECUTE 'EXPLAIN ANALYZE SELECT * INTO TABLE easi FROM app.items';
              EXECUTE 'EXPLAIN ANALYZE CREATE TABLE easi2 AS SELECT * FROM app.items WITH NO DATA';
              EXECUTE 'SELECT * INTO TABLE app.items_copy FROM app.items';
            END $$;
            """);
}
