using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1020: <c>DROP TABLE</c> deletes the data for good (a backup restore is the only way back) and
/// breaks every client that still uses the table; with <c>CASCADE</c> it also drops the views,
/// foreign keys and other objects that depend on it, under <c>ACCESS EXCLUSIVE</c> locks on each.
/// Rename the table out of the way in one release and drop it in a later one.
/// </summary>
/// <remarks>Not reported: a table created earlier in the same file (a scratch table), and temporary tables.</remarks>
public sealed class DropTable : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1020",
        "drop-table",
        "Drop tables only after no deployed code uses them",
        "Dropping table {0} deletes its data for good and breaks every client that still uses it.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "DROP TABLE deletes the data irreversibly and breaks clients still using the table; with CASCADE it also drops dependent views and constraints.",
        hazard: new(LockMode.AccessExclusive, TableEffect.DataLoss));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Root.DropStmt is not { RemoveType: ObjectType.ObjectTable } drop)
        {
            return;
        }

        foreach (var target in drop.Objects)
        {
            var name = target.List?.Items.ToQualifiedName();
            if (name is null || name.Schema == "pg_temp" || context.Migration.IsNew(context.Catalog.FindTable(name)))
            {
                continue;
            }

            context.ReportOnStatement(Rule, name.ToString());
        }
    }
}
