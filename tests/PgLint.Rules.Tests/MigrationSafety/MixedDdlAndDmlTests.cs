using PgLint.Rules.MigrationSafety;
using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.MixedDdlAndDml>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class MixedDdlAndDmlTests
{
    [Test]
    public void The_rule_is_off_by_default() =>
        MixedDdlAndDml.Rule.IsEnabledByDefault.Should().BeFalse();

    [Test]
    public void A_data_change_after_a_schema_change_in_one_transaction_is_reported_once() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ADD COLUMN note text;
            [|INSERT INTO audit_log (event) VALUES ('orders.note added')|];
            UPDATE orders SET note = '';
            COMMIT;
            """,
            new VerifyOptions
            {
                ExpectedMessages = ["This data change runs in the same transaction as the schema change at line 2: the schema change's locks are held while the data changes run, and a failure of either rolls back both."],
            });

    [Test]
    public void A_schema_change_after_a_data_change_is_reported() =>
        Verifier.Verify(
            """
            UPDATE orders SET status = 'new' WHERE status IS NULL;
            [|ALTER TABLE orders ALTER COLUMN status SET NOT NULL|];
            """,
            new VerifyOptions { AssumeInTransaction = true });

    [Test]
    public void Separate_transactions_and_autocommit_statements_are_not_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            ALTER TABLE orders ADD COLUMN note text;
            COMMIT;
            BEGIN;
            UPDATE orders SET note = '';
            COMMIT;
            CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);
            DELETE FROM orders WHERE status = 'void';
            """);

    [Test]
    public void Settings_comments_and_grants_are_neither_kind() =>
        Verifier.Verify(
            """
            BEGIN;
            SET LOCAL lock_timeout = '2s';
            UPDATE orders SET note = '';
            COMMENT ON TABLE orders IS 'orders placed';
            GRANT SELECT ON orders TO reporting;
            COMMIT;
            """);
}
