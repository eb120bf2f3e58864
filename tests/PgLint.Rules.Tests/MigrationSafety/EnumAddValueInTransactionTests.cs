using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class EnumAddValueInTransactionTests
{
    [Test]
    public void On_PostgreSQL_12_and_later_the_new_value_is_unusable_until_commit() =>
        AnalyzerVerifier<EnumAddValueInTransaction>.Verify(
            "BEGIN; [|ALTER TYPE order_status ADD VALUE 'refunded'|]; COMMIT;",
            new VerifyOptions { ExpectedMessages = ["Enum value 'refunded' added to order_status inside a transaction cannot be used until the transaction commits: statements after it in this transaction that use it fail."] });

    [Test]
    public void Before_PostgreSQL_12_it_cannot_run_in_a_transaction_block_at_all() =>
        AnalyzerVerifier<EnumAddValueInTransaction>.Verify(
            "[|ALTER TYPE order_status ADD VALUE 'refunded'|];",
            new VerifyOptions
            {
                AssumeInTransaction = true,
                PostgresVersion = new PostgresVersion(11, 0),
                ExpectedMessages = ["ALTER TYPE order_status ADD VALUE cannot run inside a transaction block before PostgreSQL 12: the migration fails."],
            });

    [Test]
    public void In_autocommit_or_when_renaming_a_value_nothing_is_reported() =>
        AnalyzerVerifier<EnumAddValueInTransaction>.Verify(
            "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded'; BEGIN; ALTER TYPE order_status RENAME VALUE 'new' TO 'created'; COMMIT;");
}
