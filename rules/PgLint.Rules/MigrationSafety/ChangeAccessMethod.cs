using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1029: <c>ALTER TABLE … SET ACCESS METHOD</c> (PostgreSQL 15) converts the table to another table
/// access method by writing a complete new copy of it and rebuilding its indexes under
/// <c>ACCESS EXCLUSIVE</c>: every query on the table waits for the whole rewrite.
/// </summary>
/// <remarks>Not reported: tables created earlier in the same file.</remarks>
public sealed class ChangeAccessMethod : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1029",
        "change-access-method",
        "Do not change the access method of existing tables during a deploy",
        "Changing the access method of {0} to {1} rewrites {0} and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "SET ACCESS METHOD rewrites the table and its indexes under ACCESS EXCLUSIVE.",
        hazard: new(LockMode.AccessExclusive, TableEffect.Rewrite));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (context.Node.Subtype == AlterTableType.AtSetAccessMethod && AlterTableCommands.ExistingTable(context) is { } table)
        {
            context.ReportOnStatement(Rule, table.ToQualifiedName().ToString(), QualifiedName.Quote(context.Node.Name));
        }
    }
}
