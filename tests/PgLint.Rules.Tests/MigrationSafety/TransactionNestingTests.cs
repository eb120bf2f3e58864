using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.TransactionNesting>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class TransactionNestingTests
{
    private static readonly VerifyOptions Wrapped = new() { AssumeInTransaction = true };

    [Test]
    public void Begin_inside_a_transaction_is_reported() =>
        Verifier.Verify(
            "BEGIN; SELECT 1; [|BEGIN|]; SELECT 2; COMMIT;",
            new VerifyOptions { ExpectedMessages = ["BEGIN inside a transaction does not nest: PostgreSQL only warns, and the first COMMIT ends the outer transaction."] });

    [Test]
    public void Under_a_runner_transaction_begin_commit_and_rollback_are_reported() =>
        Verifier.Verify("[|BEGIN|]; SELECT 1; [|COMMIT|]; SELECT 2;", Wrapped);

    [Test]
    public void Rollback_under_a_runner_transaction_says_what_is_no_longer_undone() =>
        Verifier.Verify(
            "SELECT 1; [|ROLLBACK|];",
            Wrapped with { ExpectedMessages = ["ROLLBACK ends the transaction the migration runner opened: the statements after it run in autocommit and are not undone if the migration fails."] });

    [Test]
    public void Sequential_transactions_and_savepoints_are_not_reported() =>
        Verifier.Verify("BEGIN; SAVEPOINT a; SELECT 1; ROLLBACK TO a; RELEASE a; COMMIT; BEGIN; COMMIT;");
}
