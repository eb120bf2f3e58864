using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.ConstantCondition>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class ConstantConditionTests
{
    [Test]
    public void Join_condition_comparing_a_column_with_itself_is_reported() =>
        Verifier.Verify(
            "SELECT o.id FROM orders o JOIN customers c ON [|o.customer_id = o.customer_id|];",
            new VerifyOptions { ExpectedMessages = ["o.customer_id = o.customer_id compares o.customer_id with itself, so it is true for every row where it is not NULL: compare with the column that was meant."] });

    [Test]
    public void Contradiction_in_where_is_reported() =>
        Verifier.Verify(
            "SELECT id FROM orders WHERE [|status <> status|] AND [|(total - discount) < (total - discount)|];",
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "status <> status compares status with itself, so it is never true: compare with the column that was meant.",
                    "(total - discount) < (total - discount) compares total - discount with itself, so it is never true: compare with the column that was meant.",
                ],
            });

    [Test]
    public void Different_columns_constants_volatile_calls_and_assignments_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id;
            SELECT id FROM orders WHERE 1 = 1 AND status = 'open';
            CREATE TABLE empty_copy AS SELECT * FROM orders WHERE 1 = 0;
            SELECT id FROM samples WHERE random() < random();
            UPDATE orders SET status = status WHERE id = 1;
            CREATE INDEX orders_open ON orders (id) WHERE status = status;
            """);
}
