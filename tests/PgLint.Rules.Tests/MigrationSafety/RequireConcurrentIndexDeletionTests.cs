using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.RequireConcurrentIndexDeletion>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class RequireConcurrentIndexDeletionTests
{
    private static readonly VerifyOptions OrdersFromEarlierFile = new()
    {
        PrecedingFiles =
        [
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz, customer_id bigint);
            CREATE INDEX orders_created_at_idx ON orders (created_at);
            CREATE INDEX orders_customer_id_idx ON orders (customer_id);
            """,
        ],
    };

    [Test]
    public void Drop_index_of_an_existing_table_is_reported_with_the_table_name() =>
        Verifier.Verify(
            "[|DROP INDEX orders_created_at_idx|];",
            OrdersFromEarlierFile with
            {
                ExpectedMessages = ["Dropping index orders_created_at_idx without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on public.orders that blocks all reads and writes of it, even while the drop is still waiting for the lock."],
            });

    [Test]
    public void Drop_of_an_index_the_catalog_does_not_know_is_reported() =>
        Verifier.Verify(
            "[|DROP INDEX IF EXISTS legacy_idx|];",
            new VerifyOptions { ExpectedMessages = ["Dropping index legacy_idx without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table that blocks all reads and writes of it, even while the drop is still waiting for the lock."] });

    [Test]
    public void Concurrent_drop_is_not_reported() =>
        Verifier.Verify("DROP INDEX CONCURRENTLY orders_created_at_idx;", OrdersFromEarlierFile);

    [Test]
    public void Index_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE INDEX orders_status_idx ON orders (status);
            DROP INDEX orders_status_idx;
            """);

    [Test]
    public void Index_of_a_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE carts (id bigint, owner_id bigint);
            CREATE INDEX carts_owner_id_idx ON carts (owner_id);
            DROP INDEX carts_owner_id_idx;
            """);

    [Test]
    public void Index_of_a_partitioned_table_is_not_reported_since_it_cannot_be_dropped_concurrently() =>
        Verifier.Verify(
            "DROP INDEX events_at_idx;",
            new VerifyOptions { PrecedingFiles = ["CREATE TABLE events (at timestamptz) PARTITION BY RANGE (at); CREATE INDEX events_at_idx ON events (at);"] });

    [Test]
    public void Dropping_several_indexes_is_reported_without_a_fix()
    {
        Verifier.Verify("[|DROP INDEX orders_created_at_idx, orders_customer_id_idx|];", OrdersFromEarlierFile);

        Verifier.Lint("DROP INDEX a_idx, b_idx;").Should().ContainSingle().Which.Fixes.Should().BeEmpty();
    }

    [Test]
    public void Drop_with_cascade_is_reported_without_a_fix() =>
        Verifier.Lint("DROP INDEX a_idx CASCADE;").Should().ContainSingle().Which.Fixes.Should().BeEmpty();

    [Test]
    public void Dropping_other_objects_is_not_reported() =>
        Verifier.Verify("DROP TABLE orders; DROP VIEW order_totals;");

    [Test]
    public void Fix_inserts_concurrently_before_if_exists() =>
        Verifier.VerifyFix(
            "[|DROP INDEX IF EXISTS orders_created_at_idx|];",
            "DROP INDEX CONCURRENTLY IF EXISTS orders_created_at_idx;",
            OrdersFromEarlierFile);

    [Test]
    public void Fix_is_not_valid_in_a_transaction_block() =>
        Verifier.Lint("DROP INDEX a_idx;").Single().Fixes.Single().ValidInTransactionBlock.Should().BeFalse();

    [Test]
    public void Fix_is_unsafe_under_assume_in_transaction() =>
        Verifier.Lint("DROP INDEX a_idx;", new VerifyOptions { AssumeInTransaction = true }).Single().Fixes.Single().Safety.Should().Be(FixSafety.Unsafe);
}
