using PgLint.Rules.PlPgSql;

namespace PgLint.Rules.Tests.PlPgSql;

public sealed class RowByRowDmlTests
{
    [Test]
    public void An_update_per_row_of_a_query_loop_is_reported() =>
        AnalyzerVerifier<RowByRowDml>.Verify(
            """
            CREATE FUNCTION app.reprice() RETURNS void LANGUAGE plpgsql AS $$
            DECLARE r record;
            BEGIN
              FOR r IN SELECT id, list_price FROM app.products LOOP
                [|UPDATE app.offers SET price = r.list_price WHERE product_id = r.id|];
              END LOOP;
            END $$;
            """,
            new VerifyOptions { ExpectedMessages = ["This UPDATE runs once for every row of the FOR loop's query; one set-based statement over that query does the same work in a single pass."] });

    [Test]
    public void A_loop_that_also_decides_per_row_is_not_reported() =>
        AnalyzerVerifier<RowByRowDml>.Verify("""
            CREATE FUNCTION app.reprice() RETURNS void LANGUAGE plpgsql AS $$
            DECLARE r record;
            BEGIN
              FOR r IN SELECT id, list_price FROM app.products LOOP
                IF r.list_price > 100 THEN
                  UPDATE app.offers SET price = r.list_price WHERE product_id = r.id;
                END IF;
                RAISE NOTICE 'product %', r.id;
              END LOOP;
            END $$;
            """);

    [Test]
    public void Dml_in_an_integer_loop_or_not_using_the_row_is_not_reported() =>
        AnalyzerVerifier<RowByRowDml>.Verify("""
            DO $$
            DECLARE r record;
            BEGIN
              FOR i IN 1..10 LOOP
                INSERT INTO app.slots (n) VALUES (i);
              END LOOP;
              FOR r IN SELECT 1 FROM app.products LIMIT 1 LOOP
                DELETE FROM app.cache WHERE expired;
              END LOOP;
            END $$;
            """);
}
