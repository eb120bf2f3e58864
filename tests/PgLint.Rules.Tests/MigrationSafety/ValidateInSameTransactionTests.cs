using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.ValidateInSameTransaction>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class ValidateInSameTransactionTests
{
    [Test]
    public void Validate_in_the_transaction_of_the_not_valid_check_is_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
            [|ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check|];
            COMMIT;
            """,
            new VerifyOptions
            {
                ExpectedMessages = ["VALIDATE CONSTRAINT orders_total_check runs in the same transaction as the ADD CONSTRAINT … NOT VALID at line 2, whose ACCESS EXCLUSIVE lock on orders is held for the whole validation scan: all queries on orders wait for it."],
            });

    [Test]
    public void Validate_of_a_foreign_key_in_its_transaction_names_the_share_row_exclusive_lock() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
            [|ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk|];
            COMMIT;
            """,
            new VerifyOptions
            {
                ExpectedMessages = ["VALIDATE CONSTRAINT orders_customer_fk runs in the same transaction as the ADD CONSTRAINT … NOT VALID at line 2, whose SHARE ROW EXCLUSIVE lock on orders is held for the whole validation scan: all writes to orders wait for it."],
            });

    [Test]
    public void Validate_in_the_transaction_the_runner_wraps_the_file_in_is_reported() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
            [|ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check|];
            """,
            new VerifyOptions { AssumeInTransaction = true });

    [Test]
    public void Validate_after_another_access_exclusive_statement_on_the_table_is_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ADD COLUMN note text;
            [|ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check|];
            COMMIT;
            """,
            new VerifyOptions
            {
                ExpectedMessages = ["VALIDATE CONSTRAINT orders_total_check runs in the same transaction as the statement at line 2, whose ACCESS EXCLUSIVE lock on orders is held for the whole validation scan: all queries on orders wait for it."],
            });

    [Test]
    public void Validate_in_a_transaction_of_its_own_is_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
            COMMIT;
            BEGIN;
            ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
            COMMIT;
            """);

    [Test]
    public void Statements_outside_a_transaction_block_are_transactions_of_their_own() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
            ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
            """);

    [Test]
    public void Validate_after_a_weaker_lock_or_a_lock_on_another_table_is_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500;
            ALTER TABLE customers ADD COLUMN note text;
            ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
            COMMIT;
            """);

    [Test]
    public void A_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            CREATE TABLE refunds (id bigint PRIMARY KEY, amount numeric);
            ALTER TABLE refunds ADD CONSTRAINT refunds_amount_check CHECK (amount > 0) NOT VALID;
            ALTER TABLE refunds VALIDATE CONSTRAINT refunds_amount_check;
            COMMIT;
            """);
}
