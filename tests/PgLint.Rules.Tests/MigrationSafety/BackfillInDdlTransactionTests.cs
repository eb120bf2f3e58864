using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.BackfillInDdlTransaction>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class BackfillInDdlTransactionTests
{
    [Test]
    public void Update_after_adding_a_column_in_the_same_transaction_is_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ADD COLUMN note text;
            [|UPDATE orders SET note = ''|];
            COMMIT;
            """,
            new VerifyOptions
            {
                ExpectedMessages = ["This UPDATE backfills orders in the same transaction as the schema change at line 2, whose ACCESS EXCLUSIVE lock is held until commit: all queries on orders wait for the whole backfill."],
            });

    [Test]
    public void Insert_select_after_an_index_build_names_the_writes() =>
        Verifier.Verify(
            """
            BEGIN;
            CREATE INDEX orders_status_idx ON orders (status);
            [|INSERT INTO orders (id, status) SELECT id, 'archived' FROM archived_orders|];
            [|DELETE FROM orders WHERE status = 'void'|];
            COMMIT;
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "This INSERT … SELECT backfills orders in the same transaction as the schema change at line 2, whose SHARE lock is held until commit: all writes to orders wait for the whole backfill.",
                    "This DELETE backfills orders in the same transaction as the schema change at line 2, whose SHARE lock is held until commit: all writes to orders wait for the whole backfill.",
                ],
            });

    [Test]
    public void The_transaction_the_runner_wraps_the_file_in_counts() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD COLUMN note text;
            [|UPDATE orders SET note = ''|];
            """,
            new VerifyOptions { AssumeInTransaction = true });

    [Test]
    public void A_backfill_in_a_transaction_of_its_own_is_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ADD COLUMN note text;
            COMMIT;
            UPDATE orders SET note = '';
            """);

    [Test]
    public void Insert_values_a_backfill_before_the_change_and_other_tables_are_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            UPDATE orders SET status = 'new' WHERE status IS NULL;
            ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
            INSERT INTO orders (id, status) VALUES (1, 'new');
            UPDATE customers SET email = lower(email);
            COMMIT;
            """);

    [Test]
    public void A_lock_taken_on_purpose_with_lock_table_is_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            LOCK TABLE orders IN SHARE MODE;
            UPDATE orders SET total = round(total, 2);
            COMMIT;
            """);

    [Test]
    public void A_schema_change_that_blocks_neither_reads_nor_writes_is_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500;
            UPDATE orders SET status = lower(status);
            COMMIT;
            """);

    [Test]
    public void A_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            CREATE TABLE refunds (id bigint PRIMARY KEY, note text);
            ALTER TABLE refunds ADD COLUMN amount numeric;
            INSERT INTO refunds (id) SELECT id FROM orders;
            COMMIT;
            """);
}
