using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1044: dropping a constraint, a default or an identity, or restarting a sequence, is instant for
/// PostgreSQL but changes what running code can rely on: inserts that omitted the column now store
/// NULL, rows that a CHECK or foreign key kept out can now arrive, a restarted sequence hands out ids
/// that may already exist. An info, to make sure that change is meant.
/// </summary>
/// <remarks>Not reported: tables created earlier in the same file; <c>DROP … NOT NULL</c> (PG1039).</remarks>
public sealed class DropConstraintOrDefault : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1044",
        "drop-constraint-or-default",
        "Check that running code does not rely on what is dropped",
        "{0}: running code that relies on it now behaves differently.",
        RuleCategory.MigrationSafety,
        Severity.Info,
        description: "Dropping a constraint, default or identity, or restarting a sequence, changes behaviour for running code.",
        hazard: new(LockMode.AccessExclusive, TableEffect.MetadataOnly));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<AlterTableCmd>(static node =>
        {
            if (AlterTableCommands.ExistingTable(node) is not { } table)
            {
                return;
            }

            var name = table.ToQualifiedName();
            var what = node.Node.Subtype switch
            {
                AlterTableType.AtDropConstraint => $"Dropping constraint {QualifiedName.Quote(node.Node.Name)} of {name}",
                AlterTableType.AtColumnDefault when node.Node.Def is null => $"Dropping the default of {name}.{QualifiedName.Quote(node.Node.Name)}",
                AlterTableType.AtDropIdentity => $"Dropping the identity of {name}.{QualifiedName.Quote(node.Node.Name)}",
                _ => null,
            };
            if (what is not null)
            {
                node.ReportOnStatement(Rule, what);
            }
        });
        context.RegisterStatementAction(static statement =>
        {
            if (statement.Root.AlterSeqStmt is { } sequence && sequence.Options.Any(static o => o.DefElem?.Defname == "restart"))
            {
                statement.ReportOnStatement(Rule, $"Restarting sequence {sequence.Sequence.ToQualifiedName()}");
            }
        });
    }
}
