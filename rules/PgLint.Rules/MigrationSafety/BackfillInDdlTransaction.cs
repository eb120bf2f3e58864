using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1038: a backfill (<c>UPDATE</c>, <c>DELETE</c>, <c>MERGE</c> or <c>INSERT … SELECT</c>) on a table
/// that an earlier statement of the same transaction changed the schema of runs while that
/// statement's lock is still held: after <c>ALTER TABLE … ADD COLUMN</c>, every query on the table
/// waits for the whole backfill; after <c>CREATE INDEX</c>, every write. Commit the schema change
/// first and backfill in batches in transactions of their own.
/// </summary>
/// <remarks>
/// Reported when the table is held in <c>SHARE</c> or a stronger mode (a lock that blocks writes) by an
/// earlier schema change in the same transaction block. Not reported: tables created earlier in the
/// file (empty), <c>INSERT … VALUES</c> (a handful of rows, not a backfill), a lock taken on purpose with
/// <c>LOCK TABLE</c>, and a backfill that runs before the schema change.
/// </remarks>
public sealed class BackfillInDdlTransaction : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1038",
        "backfill-in-ddl-transaction",
        "Backfill outside the transaction that changes the table",
        "This {0} backfills {1} in the same transaction as the schema change at line {2}, whose {3} lock is held until commit: {4} {1} wait for the whole backfill.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "A data backfill in the transaction of a schema change on the same table runs under the schema change's lock; commit the change first and backfill in batches.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (!context.Migration.Transaction.InTransactionBlock || Backfill(context.Root) is not ({ } command, { } target))
        {
            return;
        }

        var table = context.Catalog.FindTable(target.ToQualifiedName());
        if (context.Migration.IsNew(table)
            || context.Migration.FindHeldLock(table?.Name ?? target.ToQualifiedName()) is not { } held
            || !held.Mode.BlocksWrites()
            || !MigrationStatements.IsSchemaChange(held.TakenBy.Root!))
        {
            return;
        }

        var blocked = held.Mode.BlocksReads() ? "all queries on" : "all writes to";
        context.ReportOnStatement(Rule, command, held.Table, MigrationStatements.Line(held.TakenBy), held.Mode.ToSql(), blocked);
    }

    /// <summary>The command and the table a backfill writes, or nothing for a statement that is no backfill.</summary>
    private static (string? Command, RangeVar? Table) Backfill(Node root) => root.NodeCase switch
    {
        Node.NodeOneofCase.UpdateStmt => ("UPDATE", root.UpdateStmt.Relation),
        Node.NodeOneofCase.DeleteStmt => ("DELETE", root.DeleteStmt.Relation),
        Node.NodeOneofCase.MergeStmt => ("MERGE", root.MergeStmt.Relation),
        Node.NodeOneofCase.InsertStmt when root.InsertStmt.SelectStmt?.SelectStmt is { ValuesLists.Count: 0 } => ("INSERT … SELECT", root.InsertStmt.Relation),
        _ => (null, null),
    };
}
