using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1036: a file that opens a transaction with <c>BEGIN</c> and never ends it leaves the outcome to
/// whoever runs it: psql and most runners roll the open transaction back when the connection closes,
/// silently undoing the migration, and a runner that keeps the session open holds every lock the
/// transaction took.
/// </summary>
/// <remarks>Not reported: the transaction a runner wraps the file in (<c>--assume-in-transaction</c>), which the runner ends.</remarks>
public sealed class UncommittedTransaction : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1036",
        "uncommitted-transaction",
        "End every transaction a migration begins",
        "This transaction is never committed: when the session ends PostgreSQL rolls it back, undoing every statement after BEGIN.",
        RuleCategory.MigrationSafety,
        Severity.Error,
        description: "A BEGIN without COMMIT or ROLLBACK by the end of the file is rolled back when the connection closes, silently undoing the migration.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static set => set.RegisterDocumentStartAction(static document =>
        {
            TextSpan? open = null;
            document.RegisterStatementAction(statement =>
            {
                switch (statement.Root.TransactionStmt?.Kind)
                {
                    case TransactionStmtKind.TransStmtBegin or TransactionStmtKind.TransStmtStart when open is null:
                        open = statement.Statement.Span;
                        break;
                    case TransactionStmtKind.TransStmtCommit or TransactionStmtKind.TransStmtRollback or TransactionStmtKind.TransStmtPrepare:
                        open = null;
                        break;
                }
            });
            document.RegisterDocumentEndAction(end =>
            {
                if (open is { } begin)
                {
                    var text = end.Document.Source.Text;
                    var separator = text.Length == 0 || text.EndsWith('\n') ? string.Empty : "\n";
                    end.Report(Rule, begin, new Fix("Append COMMIT; at the end of the file", [TextEdit.Insert(text.Length, separator + "COMMIT;\n")]));
                }
            });
        }));
}
