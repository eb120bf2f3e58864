using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.ImplicitCastOnColumn>;

namespace PgLint.Rules.Tests.Performance;

public sealed class ImplicitCastOnColumnTests
{
    private const string Schema = """
        CREATE TABLE orders (
            id bigint PRIMARY KEY, quantity integer NOT NULL, amount numeric(12,2) NOT NULL,
            code varchar(20) NOT NULL, region char(2) NOT NULL, note text,
            placed_on date NOT NULL, placed_at timestamp NOT NULL, ratio real);

        """;

    [Test]
    public void Integer_column_compared_with_a_decimal_literal_is_reported() =>
        Verifier.Verify(
            Schema + "SELECT id FROM orders WHERE [|id|] = 1.5;",
            new VerifyOptions { ExpectedMessages = ["Column id (bigint) is compared with a numeric value, so PostgreSQL casts the column to numeric for every row and an index on id cannot serve this condition; cast the value to bigint instead."] });

    [Test]
    public void Explicit_casts_lists_ranges_and_arrays_of_another_type_are_reported() =>
        Verifier.Verify(
            Schema + """
            SELECT id FROM orders WHERE [|quantity|] = $1::numeric;
            SELECT id FROM orders o WHERE $1::double precision < [|o.quantity|];
            SELECT id FROM orders WHERE [|id|] IN (1, 2.5);
            SELECT id FROM orders WHERE [|quantity|] BETWEEN 1.5 AND 3;
            SELECT id FROM orders WHERE [|id|] = ANY ('{1,2}'::numeric[]);
            SELECT id FROM orders WHERE [|amount|] > 10::float8;
            SELECT id FROM orders WHERE [|code|] = $1::char(3);
            SELECT id FROM orders WHERE [|region|] = $1::text;
            DELETE FROM orders WHERE [|id|] = 99999999999999999999;
            """);

    [Test]
    public void Values_of_the_column_type_or_of_an_indexable_cross_type_are_not_reported() =>
        Verifier.Verify(
            Schema + """
            SELECT id FROM orders WHERE id = 1 AND quantity = 10000000000 AND quantity IN (1, 2);
            SELECT id FROM orders WHERE amount = 1 AND amount = 1.5 AND ratio = 1.5 AND ratio = $1::double precision;
            SELECT id FROM orders WHERE code = $1::text AND note = $1::varchar AND region = $1::varchar;
            SELECT id FROM orders WHERE placed_on = now() AND placed_at < now() AND placed_on > $1::timestamp;
            SELECT id FROM orders WHERE id = $1 AND quantity = '1.5' AND code = 'x';
            SELECT id FROM orders WHERE id = (1.5)::bigint AND quantity::numeric = 1.5;
            """);

    [Test]
    public void Joins_unknown_columns_and_conditions_outside_queries_are_not_reported() =>
        Verifier.Verify(
            Schema + """
            CREATE TABLE refunds (order_id numeric NOT NULL);
            SELECT o.id FROM orders o JOIN refunds r ON r.order_id = o.id;
            SELECT id FROM invoices WHERE id = 1.5;
            SELECT o.id FROM orders o, refunds r WHERE quantity = 1.5;
            SELECT quantity = 1.5 FROM orders;
            CREATE INDEX orders_big ON orders (id) WHERE quantity > 1.5;
            """);
}
