using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1017: renaming a column is instant for PostgreSQL, but every query, view definition in
/// application code and ORM mapping that still says the old name fails from the moment the
/// migration commits — and during a rolling deploy the old application version is still running.
/// The safe path is expand and contract: add the new column, write both, backfill, move readers,
/// then drop the old column in a later release.
/// </summary>
/// <remarks>Not reported: a column of a table created earlier in the same file, which no deployed code uses yet.</remarks>
public sealed class RenameColumn : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1017",
        "rename-column",
        "Do not rename columns that deployed code uses",
        "Renaming column {0} of {1} to {2} breaks every running query and deployed version of the application that still uses {0}.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "RENAME COLUMN takes effect at commit for every session: application code still using the old name fails until it is redeployed; add a new column and migrate in steps instead.",
        hazard: new(LockMode.AccessExclusive, TableEffect.MetadataOnly));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Root.RenameStmt is not { RenameType: ObjectType.ObjectColumn, Relation: { } relation } rename
            || context.Migration.IsNew(context.Catalog.FindTable(relation.ToQualifiedName())))
        {
            return;
        }

        context.ReportOnStatement(Rule, QualifiedName.Quote(rename.Subname), relation.ToQualifiedName().ToString(), QualifiedName.Quote(rename.Newname));
    }
}
