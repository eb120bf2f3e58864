using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.CountForExistence>;

namespace PgLint.Rules.Tests.Performance;

public sealed class CountForExistenceTests
{
    [Test]
    public void Count_greater_than_zero_is_reported() =>
        Verifier.Verify(
            "SELECT id FROM customers c WHERE [|(SELECT count(*) FROM orders o WHERE o.customer_id = c.id) > 0|];",
            new VerifyOptions { ExpectedMessages = ["Comparing count(*) with 0 counts every matching row only to learn whether there is one; use EXISTS (SELECT 1 FROM …), which stops at the first row."] });

    [Test]
    public void Absence_tests_suggest_not_exists() =>
        Verifier.Verify(
            "SELECT id FROM customers c WHERE [|0 = (SELECT count(*) FROM orders o WHERE o.customer_id = c.id)|] OR [|(SELECT count(1) FROM carts k WHERE k.customer_id = c.id) < 1|];",
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Comparing count(*) with 0 counts every matching row only to learn whether there is one; use NOT EXISTS (SELECT 1 FROM …), which stops at the first row.",
                    "Comparing count(*) with 1 counts every matching row only to learn whether there is one; use NOT EXISTS (SELECT 1 FROM …), which stops at the first row.",
                ],
            });

    [Test]
    public void Real_counts_and_exists_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM customers c WHERE (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) > 5;
            SELECT id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id);
            SELECT status, count(*) FROM orders GROUP BY status HAVING count(*) > 0;
            """);
}
