using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.MultipleAlterTable>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class MultipleAlterTableTests
{
    [Test]
    public void Consecutive_alter_tables_on_one_table_are_reported() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD COLUMN note text;
            [|ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(14, 2)|];
            [|ALTER TABLE orders ADD COLUMN source text|];
            """,
            new VerifyOptions
            {
                PrecedingFiles = ["CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12, 2));"],
                ExpectedMessages =
                [
                    "This ALTER TABLE on public.orders follows the one at line 1: combined into one statement, they take the lock once and scan or rewrite the table at most once.",
                    "This ALTER TABLE on public.orders follows the one at line 2: combined into one statement, they take the lock once and scan or rewrite the table at most once.",
                ],
            });

    [Test]
    public void Alter_tables_in_one_transaction_block_are_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ADD COLUMN note text;
            [|ALTER TABLE orders ADD COLUMN source text|];
            COMMIT;
            """);

    [Test]
    public void One_statement_with_several_subcommands_is_not_reported() =>
        Verifier.Verify("ALTER TABLE orders ADD COLUMN note text, ADD COLUMN source text;");

    [Test]
    public void A_statement_between_them_or_another_table_is_not_reported() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD COLUMN note text;
            UPDATE orders SET note = '';
            ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
            ALTER TABLE customers ADD COLUMN note text;
            """);

    [Test]
    public void Validate_after_not_valid_and_separate_transactions_are_not_reported() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
            ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
            BEGIN;
            ALTER TABLE orders ADD COLUMN note text;
            COMMIT;
            ALTER TABLE orders ADD COLUMN source text;
            """);

    [Test]
    public void A_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE refunds (id bigint PRIMARY KEY);
            ALTER TABLE refunds ADD COLUMN note text;
            ALTER TABLE refunds ADD COLUMN amount numeric;
            """);
}
