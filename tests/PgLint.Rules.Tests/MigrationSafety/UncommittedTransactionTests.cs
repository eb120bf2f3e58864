using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.UncommittedTransaction>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class UncommittedTransactionTests
{
    [Test]
    public void Begin_without_commit_is_reported_at_the_begin() =>
        Verifier.Verify(
            """
            [|BEGIN|];
            INSERT INTO settings (key, value) VALUES ('mode', 'on');
            """,
            new VerifyOptions { ExpectedMessages = ["This transaction is never committed: when the session ends PostgreSQL rolls it back, undoing every statement after BEGIN."] });

    [Test]
    public void A_second_transaction_left_open_is_reported_at_its_own_begin() =>
        Verifier.Verify("BEGIN; SELECT 1; COMMIT;\n[|START TRANSACTION|]; SELECT 2;");

    [Test]
    public void Committed_and_rolled_back_transactions_are_not_reported() =>
        Verifier.Verify("BEGIN; SELECT 1; COMMIT; BEGIN; SELECT 2; ROLLBACK; BEGIN; SELECT 3; END;");

    [Test]
    public void The_runner_transaction_of_assume_in_transaction_is_not_reported() =>
        Verifier.Verify("INSERT INTO settings (key, value) VALUES ('mode', 'on');", new VerifyOptions { AssumeInTransaction = true });

    [Test]
    public void Fix_appends_commit_on_a_line_of_its_own() =>
        Verifier.VerifyFix("[|BEGIN|];\nSELECT 1;", "BEGIN;\nSELECT 1;\nCOMMIT;\n");
}
