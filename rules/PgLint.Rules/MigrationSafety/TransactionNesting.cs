using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1037: PostgreSQL has no nested transactions. A <c>BEGIN</c> inside a transaction only warns
/// ("there is already a transaction in progress") and the first <c>COMMIT</c> then ends the outer
/// transaction too. When the migration runner wraps each file in a transaction, a <c>COMMIT</c> or
/// <c>ROLLBACK</c> in the file ends the runner's transaction early: what follows runs in autocommit,
/// and a failure later no longer rolls back what came before.
/// </summary>
/// <remarks>Not reported: <c>SAVEPOINT</c> / <c>RELEASE</c> / <c>ROLLBACK TO</c>, the way to nest.</remarks>
public sealed class TransactionNesting : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1037",
        "transaction-nesting",
        "Do not nest or end transactions the runner manages",
        "{0}",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "BEGIN inside a transaction does not nest (the first COMMIT ends both), and under a runner that wraps files in a transaction, COMMIT or ROLLBACK in the file ends the runner's transaction early.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Root.TransactionStmt is not { } transaction)
        {
            return;
        }

        var mode = context.Migration.Transaction.Mode;
        var message = (transaction.Kind, mode) switch
        {
            (TransactionStmtKind.TransStmtBegin or TransactionStmtKind.TransStmtStart, TransactionMode.Explicit) =>
                "BEGIN inside a transaction does not nest: PostgreSQL only warns, and the first COMMIT ends the outer transaction.",
            (TransactionStmtKind.TransStmtBegin or TransactionStmtKind.TransStmtStart, TransactionMode.RunnerWrapped) =>
                "BEGIN inside the transaction the migration runner opened does not nest: the first COMMIT ends the runner's transaction.",
            (TransactionStmtKind.TransStmtCommit or TransactionStmtKind.TransStmtRollback, TransactionMode.RunnerWrapped) =>
                $"{(transaction.Kind == TransactionStmtKind.TransStmtCommit ? "COMMIT" : "ROLLBACK")} ends the transaction the migration runner opened: the statements after it run in autocommit and are not undone if the migration fails.",
            _ => null,
        };
        if (message is not null)
        {
            context.ReportOnStatement(Rule, message);
        }
    }
}
