using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1003: the concurrent forms of <c>CREATE INDEX</c>, <c>DROP INDEX</c>, <c>REINDEX</c> and
/// <c>ALTER TABLE … DETACH PARTITION</c> commit and start transactions of their own between their
/// phases, so PostgreSQL refuses them inside a transaction block ("… cannot run inside a transaction
/// block"). In an explicit <c>BEGIN</c> … <c>COMMIT</c>, or in a file the migration runner wraps in a
/// transaction, the statement fails at deploy time and the transaction is rolled back.
/// </summary>
/// <remarks>
/// Not reported: with the option <c>allowLoneStatementUnderAssumeInTransaction</c>, a file whose only
/// statement is the concurrent one and that is wrapped by the runner (not by an explicit
/// <c>BEGIN</c>), since some runners detect such a file and run it outside a transaction. Plain
/// <c>REINDEX SCHEMA/DATABASE/SYSTEM</c>, which PostgreSQL also refuses in a transaction block, is
/// not this rule's concern.
/// </remarks>
public sealed class ConcurrentlyInTransaction : Analyzer
{
    /// <summary>The option that accepts a lone concurrent statement in a runner-wrapped file.</summary>
    public const string AllowLoneStatementOption = "allowLoneStatementUnderAssumeInTransaction";

    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1003",
        "concurrently-in-transaction",
        "Run concurrent index and partition operations outside a transaction block",
        "{0} cannot run inside a transaction block: PostgreSQL rejects this statement on {1} and the migration fails.",
        RuleCategory.MigrationSafety,
        Severity.Error,
        description: "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION CONCURRENTLY cannot run inside a transaction block; PostgreSQL rejects them there and the migration fails.",
        options:
        [
            new RuleOption(
                AllowLoneStatementOption,
                RuleOptionKind.Boolean,
                false,
                "Accept a concurrent statement that is the only statement of a file the runner wraps in a transaction, for runners that run such files outside a transaction."),
        ]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<IndexStmt>(CreateIndex);
        context.RegisterNodeAction<DropStmt>(DropIndex);
        context.RegisterNodeAction<ReindexStmt>(Reindex);
        context.RegisterNodeAction<PartitionCmd>(DetachPartition);
    }

    private static void CreateIndex(NodeContext<IndexStmt> context)
    {
        if (context.Node.Concurrent)
        {
            Check(context, "CREATE INDEX CONCURRENTLY", context.Node.Relation?.ToQualifiedName().ToString());
        }
    }

    private static void DropIndex(NodeContext<DropStmt> context)
    {
        if (context.Node is { RemoveType: ObjectType.ObjectIndex, Concurrent: true })
        {
            Check(context, "DROP INDEX CONCURRENTLY", string.Join(", ", context.Node.Objects.Select(static o => o.List?.Items.ToQualifiedName())));
        }
    }

    private static void Reindex(NodeContext<ReindexStmt> context)
    {
        if (context.Node.Params.IsOptionOn("concurrently"))
        {
            Check(context, "REINDEX CONCURRENTLY", context.Node.Relation?.ToQualifiedName().ToString() ?? QualifiedName.Quote(context.Node.Name));
        }
    }

    private static void DetachPartition(NodeContext<PartitionCmd> context)
    {
        // Only DETACH PARTITION has a concurrent form.
        if (context.Node.Concurrent && context.FindAncestor<AlterTableStmt>() is { } alter)
        {
            Check(context, "ALTER TABLE ... DETACH CONCURRENTLY", alter.Relation?.ToQualifiedName().ToString());
        }
    }

    private static void Check(StatementContext context, string command, string? target)
    {
        var transaction = context.Migration.Transaction;
        if (!transaction.InTransactionBlock || IsAcceptedLoneStatement(context, transaction))
        {
            return;
        }

        var location = context.Statement.FindKeyword(Token.Concurrently) ?? context.Statement.Span;
        context.Report(Rule, location, command, string.IsNullOrEmpty(target) ? "its target" : target);
    }

    private static bool IsAcceptedLoneStatement(StatementContext context, TransactionState transaction) =>
        transaction.Mode == TransactionMode.RunnerWrapped
        && context.Options.GetBoolean(Rule, AllowLoneStatementOption)
        && context.Document.Tree.Statements.Count(static s => s.Kind == StatementKind.Sql) == 1;
}
