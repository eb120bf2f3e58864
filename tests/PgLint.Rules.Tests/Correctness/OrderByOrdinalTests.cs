using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.OrderByOrdinal>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class OrderByOrdinalTests
{
    [Test]
    public void Positions_in_order_by_and_group_by_are_reported() =>
        Verifier.Verify(
            "SELECT status, count(*) FROM orders GROUP BY [|1|] ORDER BY [|2|] DESC;",
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "GROUP BY 1 refers to output column number 1: when the select list changes it silently uses another column; name the column or its alias.",
                    "ORDER BY 2 refers to output column number 2: when the select list changes it silently uses another column; name the column or its alias.",
                ],
            });

    [Test]
    public void Names_expressions_and_window_constants_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT status, count(*) AS orders FROM orders GROUP BY status ORDER BY orders DESC;
            SELECT id, row_number() OVER (ORDER BY 1) FROM orders ORDER BY id + 1;
            SELECT string_agg(name, ',' ORDER BY 1) FROM customers;
            """);
}
