using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.CountColumnNullable>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class CountColumnNullableTests
{
    private const string Table = "CREATE TABLE orders (id bigint PRIMARY KEY, coupon text, status text NOT NULL);\n";

    [Test]
    public void Count_of_a_nullable_column_is_reported() =>
        Verifier.Verify(
            Table + "SELECT status, [|count(coupon)|] FROM orders GROUP BY status;",
            new VerifyOptions { ExpectedMessages = ["count(coupon) skips the rows where the nullable column coupon is NULL; if every row should count, use count(*)."] });

    [Test]
    public void Count_star_not_null_columns_distinct_and_unknown_columns_are_not_reported() =>
        Verifier.Verify(
            Table + """
            SELECT count(*), count(id), count(status), count(DISTINCT coupon), count(coupon) FILTER (WHERE status = 'paid') FROM orders;
            SELECT count(coupon) FROM carts;
            """);
}
