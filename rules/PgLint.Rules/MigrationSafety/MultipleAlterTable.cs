using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1046: each <c>ALTER TABLE</c> statement waits for its own lock and, when a subcommand needs it,
/// scans or rewrites the table on its own. Subcommands on one table combine into one statement
/// (<c>ALTER TABLE t ADD COLUMN a …, ALTER COLUMN b TYPE …</c>): PostgreSQL takes the strongest lock
/// once and does at most one rewrite and one validation pass for all of them.
/// </summary>
/// <remarks>
/// Reported at an <c>ALTER TABLE</c> that directly follows another on the same existing table in the
/// same transaction (or both outside a transaction block). Not reported: statements with other
/// statements between them (a backfill between two steps is usually the point), <c>VALIDATE
/// CONSTRAINT</c>, which belongs in a transaction of its own after <c>ADD CONSTRAINT … NOT VALID</c>,
/// partition commands, which cannot be combined, and tables created earlier in the file.
/// </remarks>
public sealed class MultipleAlterTable : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1046",
        "multiple-alter-table",
        "Combine consecutive ALTER TABLE statements on one table",
        "This ALTER TABLE on {0} follows the one at line {1}: combined into one statement, they take the lock once and scan or rewrite the table at most once.",
        RuleCategory.MigrationSafety,
        Severity.Info,
        description: "Consecutive ALTER TABLE statements on one table each wait for the lock and may each scan or rewrite the table; one ALTER TABLE with several subcommands does it once.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDocumentStartAction(static start =>
        {
            var previous = new Previous();
            start.RegisterStatementAction(context => Analyze(context, previous));
        });
    }

    private static void Analyze(StatementContext context, Previous previous)
    {
        var last = previous.Alter;
        previous.Alter = null;
        if (context.Root.AlterTableStmt is not { Objtype: ObjectType.ObjectTable, Relation: { } relation } alter || !IsCombinable(alter))
        {
            return;
        }

        var table = context.Catalog.FindTable(relation.ToQualifiedName());
        if (context.Migration.IsNew(table))
        {
            return;
        }

        var transaction = context.Migration.Transaction;
        var current = new Alter(table?.Name ?? relation.ToQualifiedName(), MigrationStatements.Line(context.Statement), transaction.InTransactionBlock ? transaction.Id : -1);
        if (last is not null && last.Table == current.Table && last.Transaction == current.Transaction)
        {
            context.ReportOnStatement(Rule, current.Table, last.Line);
        }

        previous.Alter = current;
    }

    private static bool IsCombinable(AlterTableStmt alter) =>
        alter.Cmds.Select(static c => c.AlterTableCmd).All(static c => c is not null && c.Subtype is not (
            AlterTableType.AtValidateConstraint or AlterTableType.AtValidateConstraintRecurse or AlterTableType.AtAttachPartition
            or AlterTableType.AtDetachPartition or AlterTableType.AtDetachPartitionFinalize));

    private sealed record Alter(QualifiedName Table, int Line, int Transaction);

    private sealed class Previous
    {
        public Alter? Alter { get; set; }
    }
}
