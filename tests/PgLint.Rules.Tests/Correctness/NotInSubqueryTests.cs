using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.NotInSubquery>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class NotInSubqueryTests
{
    [Test]
    public void Not_in_over_a_subquery_is_reported() =>
        Verifier.Verify(
            "SELECT id FROM customers c WHERE [|c.id NOT IN (SELECT customer_id FROM orders)|];",
            new VerifyOptions { ExpectedMessages = ["c.id NOT IN (SELECT customer_id FROM orders): one NULL from the subquery makes NOT IN NULL for every row, so nothing matches, and it cannot be planned as an anti-join; use NOT EXISTS."] });

    [Test]
    public void Not_in_a_list_with_null_is_reported() =>
        Verifier.Verify(
            "SELECT id FROM orders WHERE [|status NOT IN ('cancelled', NULL)|];",
            new VerifyOptions { ExpectedMessages = ["status NOT IN ('cancelled', NULL): a NULL in the list makes NOT IN NULL for every row, so nothing matches; remove the NULL."] });

    [Test]
    public void Not_in_inside_a_function_body_statement_shape_is_reported_in_update_and_delete() =>
        Verifier.Verify(
            """
            DELETE FROM sessions s WHERE [|s.user_id NOT IN (SELECT id FROM users)|];
            UPDATE orders o SET archived = true WHERE [|o.customer_id NOT IN (SELECT id FROM customers WHERE active)|];
            """);

    [Test]
    public void Literal_lists_in_and_exists_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM orders WHERE status NOT IN ('cancelled', 'refunded');
            SELECT id FROM customers c WHERE c.id IN (SELECT customer_id FROM orders);
            SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id);
            SELECT id FROM orders WHERE status IN ('open', NULL);
            """);

    [Test]
    public void Fix_rewrites_as_not_exists() =>
        Verifier.VerifyFix(
            """
            SELECT id FROM customers c WHERE [|c.id NOT IN (SELECT customer_id FROM orders)|];
            SELECT id FROM customers c WHERE [|c.id NOT IN (SELECT customer_id FROM orders WHERE total > 0 OR refunded)|];
            """,
            """
            SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders WHERE customer_id = c.id);
            SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders WHERE (total > 0 OR refunded) AND customer_id = c.id);
            """);

    [Test]
    public void Fix_is_unsafe_unless_the_catalog_shows_both_columns_not_null()
    {
        const string Query = "SELECT id FROM customers c WHERE c.id NOT IN (SELECT customer_id FROM orders);";
        Verifier.Lint(Query).Single().Fixes.Single().Safety.Should().Be(FixSafety.Unsafe);
        Verifier.Lint(
                "CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);\n" + Query)
            .Single().Fixes.Single().Safety.Should().Be(FixSafety.Safe);
        Verifier.Lint(
                "CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n" + Query)
            .Single().Fixes.Single().Safety.Should().Be(FixSafety.Unsafe);
    }

    [Test]
    public void No_fix_when_the_outer_column_is_unqualified_or_the_subquery_is_not_simple()
    {
        Verifier.Lint("SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM orders);").Single().Fixes.Should().BeEmpty();
        Verifier.Lint("SELECT id FROM customers c WHERE c.id NOT IN (SELECT customer_id FROM orders GROUP BY customer_id);").Single().Fixes.Should().BeEmpty();
        Verifier.Lint("SELECT id FROM customers c WHERE c.id NOT IN (SELECT customer_id FROM orders o JOIN carts k ON k.id = o.cart_id);").Single().Fixes.Should().BeEmpty();
    }
}
