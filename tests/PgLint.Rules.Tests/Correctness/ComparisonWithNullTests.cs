using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.ComparisonWithNull>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class ComparisonWithNullTests
{
    [Test]
    public void Equals_null_in_where_is_reported() =>
        Verifier.Verify(
            "SELECT id, customer_id FROM orders WHERE [|shipped_at = NULL|];",
            new VerifyOptions { ExpectedMessages = ["shipped_at = NULL is never true, because comparing with NULL yields NULL: use IS NULL."] });

    [Test]
    public void Not_equals_null_is_reported_in_both_spellings() =>
        Verifier.Verify(
            """
            SELECT id FROM orders
            WHERE [|shipped_at <> NULL|]
               OR [|cancelled_at != NULL|];
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "shipped_at <> NULL is never true, because comparing with NULL yields NULL: use IS NOT NULL.",
                    "cancelled_at != NULL is never true, because comparing with NULL yields NULL: use IS NOT NULL.",
                ],
            });

    [Test]
    public void Null_on_the_left_is_reported() =>
        Verifier.Verify("SELECT id FROM orders WHERE [|NULL = shipped_at|];");

    [Test]
    public void Comparison_with_a_cast_null_is_reported() =>
        Verifier.Verify("SELECT id FROM orders WHERE [|note = NULL::text|];");

    [Test]
    public void Parenthesised_operand_is_part_of_the_location() =>
        Verifier.Verify("SELECT id FROM orders WHERE [|(total - discount) = NULL|];");

    [Test]
    public void Comparisons_in_case_and_check_are_reported() =>
        Verifier.Verify(
            """
            SELECT CASE WHEN [|shipped_at = NULL|] THEN 'open' END FROM orders;
            ALTER TABLE orders ADD CONSTRAINT orders_note_check CHECK ([|note <> NULL|]);
            """);

    [Test]
    public void Null_tests_and_assignments_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM orders WHERE shipped_at IS NULL AND cancelled_at IS NOT NULL;
            SELECT id FROM orders WHERE shipped_at IS NOT DISTINCT FROM NULL;
            UPDATE orders SET shipped_at = NULL WHERE id = 42;
            INSERT INTO orders (id, shipped_at) VALUES (1, NULL);
            SELECT id FROM orders WHERE total = 0 AND note = 'NULL';
            """);

    [Test]
    public void Fix_replaces_equals_null_with_is_null() =>
        Verifier.VerifyFix(
            "SELECT id FROM orders WHERE [|shipped_at = NULL|] AND [|cancelled_at<>NULL|];",
            "SELECT id FROM orders WHERE shipped_at IS NULL AND cancelled_at IS NOT NULL;");

    [Test]
    public void Fix_moves_a_null_on_the_left_to_a_null_test_on_the_right() =>
        Verifier.VerifyFix(
            "SELECT id FROM orders WHERE [|NULL = tags[1]|] OR [|NULL != (total - discount)|];",
            "SELECT id FROM orders WHERE tags[1] IS NULL OR (total - discount) IS NOT NULL;");

    [Test]
    public void Fix_is_unsafe_because_it_changes_the_result() =>
        Verifier.Lint("SELECT 1 WHERE a = NULL;").Single().Fixes.Single().Safety.Should().Be(FixSafety.Unsafe);
}
