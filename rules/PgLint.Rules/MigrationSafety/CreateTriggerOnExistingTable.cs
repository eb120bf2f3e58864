using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1033: <c>CREATE TRIGGER</c> and <c>ALTER TABLE … ENABLE/DISABLE TRIGGER</c> take
/// <c>SHARE ROW EXCLUSIVE</c> on the table, which blocks every write (and waits behind every
/// running one) until the transaction commits. The change itself is instant, so this is an info:
/// keep the transaction short and put a lock timeout in front of it.
/// </summary>
/// <remarks>Not reported: tables created earlier in the same file; event triggers.</remarks>
public sealed class CreateTriggerOnExistingTable : Analyzer
{
    private static readonly HashSet<AlterTableType> Enable =
        [AlterTableType.AtEnableTrig, AlterTableType.AtEnableAlwaysTrig, AlterTableType.AtEnableReplicaTrig, AlterTableType.AtEnableTrigAll, AlterTableType.AtEnableTrigUser];

    private static readonly HashSet<AlterTableType> Disable =
        [AlterTableType.AtDisableTrig, AlterTableType.AtDisableTrigAll, AlterTableType.AtDisableTrigUser];

    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1033",
        "create-trigger-on-existing-table",
        "Keep trigger changes on existing tables in short transactions",
        "{0} takes a SHARE ROW EXCLUSIVE lock on {1} that blocks writes to {1} until the transaction commits.",
        RuleCategory.MigrationSafety,
        Severity.Info,
        description: "CREATE TRIGGER and ENABLE/DISABLE TRIGGER take SHARE ROW EXCLUSIVE, blocking writes until commit.",
        hazard: new(LockMode.ShareRowExclusive, TableEffect.MetadataOnly));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStatementAction(static statement =>
        {
            if (statement.Root.CreateTrigStmt is { Relation: { } relation }
                && !statement.Migration.IsNew(statement.Catalog.FindTable(relation.ToQualifiedName())))
            {
                statement.ReportOnStatement(Rule, "CREATE TRIGGER", relation.ToQualifiedName().ToString());
            }
        });
        context.RegisterNodeAction<AlterTableCmd>(static node =>
        {
            var verb = Enable.Contains(node.Node.Subtype) ? "ENABLE TRIGGER" : Disable.Contains(node.Node.Subtype) ? "DISABLE TRIGGER" : null;
            if (verb is not null && AlterTableCommands.ExistingTable(node) is { } table)
            {
                node.ReportOnStatement(Rule, verb, table.ToQualifiedName().ToString());
            }
        });
    }
}
