using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1013: an exclusion constraint is checked through an index that <c>ADD CONSTRAINT … EXCLUDE</c>
/// builds on the spot, under the <c>ACCESS EXCLUSIVE</c> lock of <c>ALTER TABLE</c>: all reads and
/// writes wait for the whole build. Unlike CHECK and foreign keys there is no <c>NOT VALID</c>
/// form, and unlike unique constraints no <c>USING INDEX</c> form.
/// </summary>
/// <remarks>Not reported: tables created earlier in the same file.</remarks>
public sealed class AddExclusionConstraint : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1013",
        "add-exclusion-constraint",
        "Plan exclusion constraints on existing tables for a maintenance window",
        "Adding {0} to {1} builds its index under an ACCESS EXCLUSIVE lock that blocks all reads and writes of {1}; exclusion constraints have no NOT VALID form.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "ADD CONSTRAINT ... EXCLUDE builds an index and checks all rows under ACCESS EXCLUSIVE, with no online alternative.",
        hazard: new(LockMode.AccessExclusive, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (AlterTableCommands.AddedConstraint(context.Node) is { Contype: ConstrType.ConstrExclusion } exclusion
            && AlterTableCommands.ExistingTable(context) is { } table)
        {
            context.ReportOnStatement(Rule, AlterTableCommands.Describe(exclusion, "exclusion constraint"), table.ToQualifiedName().ToString());
        }
    }
}
