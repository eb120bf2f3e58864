using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.OuterJoinNullifiedByWhere>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class OuterJoinNullifiedByWhereTests
{
    [Test]
    public void Comparison_on_the_nullable_side_is_reported() =>
        Verifier.Verify(
            "SELECT c.id, p.amount FROM customers c LEFT JOIN payments p ON p.customer_id = c.id WHERE [|p.status = 'paid'|];",
            new VerifyOptions { ExpectedMessages = ["p.status = 'paid' in WHERE rejects the NULL row the outer join produces for p when nothing matches, so the outer join acts as an inner join: move the condition into the ON clause, or write JOIN."] });

    [Test]
    public void Right_and_full_joins_and_is_not_null_are_reported() =>
        Verifier.Verify(
            """
            SELECT c.id FROM payments p RIGHT JOIN customers c ON p.customer_id = c.id WHERE [|p.amount > 0|];
            SELECT a.id FROM a FULL JOIN b ON b.id = a.id WHERE [|a.kind IN ('x', 'y')|] AND [|b.note IS NOT NULL|];
            """);

    [Test]
    public void Null_tolerant_conditions_and_the_preserved_side_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT c.id FROM customers c LEFT JOIN payments p ON p.customer_id = c.id WHERE p.id IS NULL;
            SELECT c.id FROM customers c LEFT JOIN payments p ON p.customer_id = c.id WHERE c.active AND c.region = 'eu';
            SELECT c.id FROM customers c LEFT JOIN payments p ON p.customer_id = c.id WHERE p.status = 'paid' OR p.id IS NULL;
            SELECT c.id FROM customers c LEFT JOIN payments p ON p.customer_id = c.id WHERE coalesce(p.status, 'none') <> 'failed';
            SELECT c.id FROM customers c LEFT JOIN payments p ON p.customer_id = c.id WHERE p.status IS DISTINCT FROM 'failed';
            SELECT c.id FROM customers c JOIN payments p ON p.customer_id = c.id WHERE p.status = 'paid';
            """);
}
