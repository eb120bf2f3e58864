using PgLint.Rules.MigrationSafety;
using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.RequireStatementTimeout>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class RequireStatementTimeoutTests
{
    [Test]
    public void The_rule_is_off_by_default() =>
        RequireStatementTimeout.Rule.IsEnabledByDefault.Should().BeFalse();

    [Test]
    public void Access_exclusive_lock_without_a_statement_timeout_is_reported() =>
        Verifier.Verify(
            """
            SET lock_timeout = '2s';
            [|ALTER TABLE orders ADD COLUMN note text|];
            ALTER TABLE orders ADD COLUMN note2 text;
            """,
            new VerifyOptions
            {
                ExpectedMessages = ["This statement takes an ACCESS EXCLUSIVE lock on orders with no statement_timeout set, so every query on orders waits for as long as it runs, with no upper bound."],
            });

    [Test]
    public void A_write_blocking_lock_names_the_writes() =>
        Verifier.Verify(
            "[|CREATE INDEX orders_status_idx ON orders (status)|];",
            new VerifyOptions
            {
                ExpectedMessages = ["This statement takes a SHARE lock on orders with no statement_timeout set, so every write to orders waits for as long as it runs, with no upper bound."],
            });

    [Test]
    public void Statement_timeout_set_before_is_not_reported() =>
        Verifier.Verify(
            """
            SET statement_timeout = '5min';
            ALTER TABLE orders ADD COLUMN note text;
            """);

    [Test]
    public void Statement_timeout_of_zero_is_reported() =>
        Verifier.Verify(
            """
            [|SET statement_timeout = 0|];
            [|ALTER TABLE orders ADD COLUMN note text|];
            """);

    [Test]
    public void Set_local_counts_only_in_its_transaction_block() =>
        Verifier.Verify(
            """
            BEGIN;
            SET LOCAL statement_timeout = '1min';
            ALTER TABLE orders ADD COLUMN note text;
            COMMIT;
            [|ALTER TABLE customers ADD COLUMN note text|];
            """);

    [Test]
    public void Lock_timeout_alone_does_not_count() =>
        Verifier.Verify(
            """
            SET lock_timeout = '2s';
            [|DROP INDEX orders_status_idx|];
            """);

    [Test]
    public void Non_blocking_locks_and_new_tables_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
            CREATE TABLE refunds (id bigint PRIMARY KEY);
            ALTER TABLE refunds ADD COLUMN note text;
            """);

    [Test]
    public void Fix_inserts_a_statement_timeout_at_the_top() =>
        Verifier.VerifyFix(
            """
            -- Notes on orders.
            [|ALTER TABLE orders ADD COLUMN note text|];
            """,
            """
            SET statement_timeout = '5min';
            -- Notes on orders.
            ALTER TABLE orders ADD COLUMN note text;
            """);
}
