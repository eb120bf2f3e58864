using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.StatementWhileHoldingAccessExclusive>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class StatementWhileHoldingAccessExclusiveTests
{
    [Test]
    public void Work_after_an_access_exclusive_lock_in_the_same_transaction_is_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            [|ALTER TABLE orders ADD COLUMN note text|];
            UPDATE customers SET email = lower(email);
            CREATE INDEX orders_note_idx ON orders (note);
            COMMIT;
            """,
            new VerifyOptions
            {
                ExpectedMessages = ["This statement takes ACCESS EXCLUSIVE on orders, and the transaction does more work before it commits (2 statements, from line 3): every query on orders waits for all of it."],
            });

    [Test]
    public void A_backfill_or_validation_of_the_held_table_is_left_to_PG1038_and_PG1010() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ADD COLUMN note text;
            UPDATE orders SET note = '';
            ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
            COMMIT;
            """);

    [Test]
    public void Locking_another_existing_table_while_holding_the_lock_is_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            [|ALTER TABLE orders ADD COLUMN note text|];
            ALTER TABLE customers ADD COLUMN note text;
            COMMIT;
            """,
            new VerifyOptions
            {
                ExpectedMessages = ["This statement takes ACCESS EXCLUSIVE on orders, and the transaction does more work before it commits (1 statement, from line 3): every query on orders waits for all of it."],
            });

    [Test]
    public void The_transaction_the_runner_wraps_the_file_in_counts() =>
        Verifier.Verify(
            """
            [|ALTER TABLE orders ADD COLUMN note text|];
            SELECT count(*) FROM customers;
            """,
            new VerifyOptions { AssumeInTransaction = true });

    [Test]
    public void The_lock_taken_last_is_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            UPDATE orders SET status = 'new' WHERE status IS NULL;
            ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
            COMMIT;
            """);

    [Test]
    public void Catalog_only_statements_on_the_held_table_are_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            SET LOCAL lock_timeout = '2s';
            ALTER TABLE orders ADD COLUMN note text;
            ALTER TABLE orders ADD COLUMN source text DEFAULT 'web';
            ALTER TABLE orders ADD COLUMN urgent boolean NOT NULL DEFAULT false;
            COMMENT ON COLUMN orders.note IS 'free text';
            GRANT SELECT ON orders TO reporting;
            ALTER TABLE orders ADD CONSTRAINT orders_note_check CHECK (length(note) < 500) NOT VALID;
            CREATE TABLE order_sources (id int PRIMARY KEY, name text);
            INSERT INTO order_sources VALUES (1, 'web'), (2, 'api');
            COMMIT;
            """);

    [Test]
    public void A_new_not_null_column_without_a_constant_default_is_work() =>
        Verifier.Verify(
            """
            BEGIN;
            [|ALTER TABLE orders ADD COLUMN note text|];
            ALTER TABLE orders ADD COLUMN priority int NOT NULL;
            COMMIT;
            """);

    [Test]
    public void Statements_outside_a_transaction_block_are_not_reported() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD COLUMN note text;
            UPDATE orders SET note = '';
            """);

    [Test]
    public void A_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint);
            ALTER TABLE refunds ADD COLUMN note text;
            INSERT INTO refunds SELECT id, id FROM orders;
            COMMIT;
            """);

    [Test]
    public void A_weaker_lock_followed_by_work_is_not_this_rule() =>
        Verifier.Verify(
            """
            BEGIN;
            CREATE INDEX orders_status_idx ON orders (status);
            UPDATE customers SET email = lower(email);
            COMMIT;
            """);
}
