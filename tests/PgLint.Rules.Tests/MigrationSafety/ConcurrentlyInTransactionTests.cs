using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.ConcurrentlyInTransaction>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class ConcurrentlyInTransactionTests
{
    private static readonly VerifyOptions Wrapped = new() { AssumeInTransaction = true };

    private static readonly VerifyOptions WrappedAllowingLoneStatement = Wrapped with
    {
        RuleOptionsJson = """{ "PG1003": { "allowLoneStatementUnderAssumeInTransaction": true } }""",
    };

    [Test]
    public void Create_index_concurrently_between_begin_and_commit_is_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            CREATE INDEX [|CONCURRENTLY|] orders_customer_id_idx ON orders (customer_id);
            COMMIT;
            """,
            new VerifyOptions { ExpectedMessages = ["CREATE INDEX CONCURRENTLY cannot run inside a transaction block: PostgreSQL rejects this statement on orders and the migration fails."] });

    [Test]
    public void Create_index_concurrently_outside_a_transaction_is_not_reported() =>
        Verifier.Verify("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);");

    [Test]
    public void Statement_after_commit_is_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ADD COLUMN note text;
            COMMIT;
            CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);
            """);

    [Test]
    public void Statement_after_rollback_is_not_reported() =>
        Verifier.Verify("BEGIN; SELECT 1; ROLLBACK; DROP INDEX CONCURRENTLY orders_note_idx;");

    [Test]
    public void Every_concurrent_form_is_reported_under_assume_in_transaction() =>
        Verifier.Verify(
            """
            CREATE UNIQUE INDEX [|CONCURRENTLY|] orders_number_key ON orders (number);
            DROP INDEX [|CONCURRENTLY|] orders_number_idx;
            REINDEX INDEX [|CONCURRENTLY|] orders_pkey;
            REINDEX ([|CONCURRENTLY|]) TABLE orders;
            ALTER TABLE events DETACH PARTITION events_2023 [|CONCURRENTLY|];
            """,
            Wrapped with
            {
                ExpectedMessages =
                [
                    "CREATE INDEX CONCURRENTLY cannot run inside a transaction block: PostgreSQL rejects this statement on orders and the migration fails.",
                    "DROP INDEX CONCURRENTLY cannot run inside a transaction block: PostgreSQL rejects this statement on orders_number_idx and the migration fails.",
                    "REINDEX CONCURRENTLY cannot run inside a transaction block: PostgreSQL rejects this statement on orders_pkey and the migration fails.",
                    "REINDEX CONCURRENTLY cannot run inside a transaction block: PostgreSQL rejects this statement on orders and the migration fails.",
                    "ALTER TABLE ... DETACH CONCURRENTLY cannot run inside a transaction block: PostgreSQL rejects this statement on events and the migration fails.",
                ],
            });

    [Test]
    public void Non_concurrent_forms_are_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            CREATE INDEX orders_number_idx ON orders (number);
            DROP INDEX orders_number_idx;
            REINDEX (CONCURRENTLY false) TABLE orders;
            ALTER TABLE events DETACH PARTITION events_2023;
            COMMIT;
            """);

    [Test]
    public void Lone_statement_under_assume_in_transaction_is_reported_by_default() =>
        Verifier.Verify("CREATE INDEX [|CONCURRENTLY|] orders_customer_id_idx ON orders (customer_id);", Wrapped);

    [Test]
    public void Lone_statement_under_assume_in_transaction_is_accepted_when_configured() =>
        Verifier.Verify("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);", WrappedAllowingLoneStatement);

    [Test]
    public void The_option_does_not_accept_a_concurrent_statement_among_others() =>
        Verifier.Verify(
            """
            SET lock_timeout = '2s';
            CREATE INDEX [|CONCURRENTLY|] orders_customer_id_idx ON orders (customer_id);
            """,
            WrappedAllowingLoneStatement);

    [Test]
    public void The_option_does_not_accept_an_explicit_transaction_block() =>
        Verifier.Verify(
            """
            BEGIN;
            DROP INDEX [|CONCURRENTLY|] orders_customer_id_idx;
            COMMIT;
            """,
            new VerifyOptions { RuleOptionsJson = WrappedAllowingLoneStatement.RuleOptionsJson });
}
