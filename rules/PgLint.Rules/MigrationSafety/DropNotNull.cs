using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1039: <c>DROP NOT NULL</c> is instant for PostgreSQL, but the application may rely on the column
/// never being NULL: running code that reads the column into a non-nullable value, sums it, or
/// compares it without NULL handling starts failing or returning wrong answers once NULLs appear.
/// </summary>
/// <remarks>Not reported: tables created earlier in the same file.</remarks>
public sealed class DropNotNull : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1039",
        "drop-not-null",
        "Check that deployed code handles NULL before dropping NOT NULL",
        "Column {0} of {1} may hold NULL from now on: code written for a NOT NULL column can fail or miscount.",
        RuleCategory.MigrationSafety,
        Severity.Info,
        description: "DROP NOT NULL lets NULLs into a column that deployed code may assume is never NULL.",
        hazard: new(LockMode.AccessExclusive, TableEffect.MetadataOnly));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (context.Node.Subtype == AlterTableType.AtDropNotNull && AlterTableCommands.ExistingTable(context) is { } table)
        {
            context.ReportOnStatement(Rule, QualifiedName.Quote(context.Node.Name), table.ToQualifiedName().ToString());
        }
    }
}
