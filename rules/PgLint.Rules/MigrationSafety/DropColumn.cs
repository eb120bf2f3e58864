using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1019: <c>DROP COLUMN</c> only marks the column dropped (no rewrite) under a brief
/// <c>ACCESS EXCLUSIVE</c> lock, but every query and deployed application version that still names
/// the column fails from then on, and ORMs that cache a table's columns (or run <c>SELECT *</c> into
/// fixed structures) break too. Stop using the column in a release first, then drop it.
/// </summary>
/// <remarks>Not reported: a column of a table created earlier in the same file.</remarks>
public sealed class DropColumn : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1019",
        "drop-column",
        "Drop columns only after no deployed code uses them",
        "Dropping column {0} of {1} breaks every running query and deployed version of the application that still reads or writes it.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "DROP COLUMN takes effect at commit: code that still names the column, and ORMs that cached the table's columns, fail until redeployed; remove the uses in an earlier release.",
        hazard: new(LockMode.AccessExclusive, TableEffect.MetadataOnly));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (context.Node.Subtype == AlterTableType.AtDropColumn && AlterTableCommands.ExistingTable(context) is { } table
            && !IsSkipped(context, table))
        {
            context.ReportOnStatement(Rule, QualifiedName.Quote(context.Node.Name), table.ToQualifiedName().ToString());
        }
    }

    /// <summary>
    /// <c>DROP COLUMN IF EXISTS</c> of a column the catalog knows the table does not have: PostgreSQL skips it
    /// (after taking the lock). A table the catalog does not know is never assumed to lack the column.
    /// </summary>
    private static bool IsSkipped(NodeContext<AlterTableCmd> context, RangeVar table) =>
        context.Node.MissingOk
        && context.Catalog.FindTable(table.ToQualifiedName()) is { } known
        && known.FindColumn(context.Node.Name) is null;
}
