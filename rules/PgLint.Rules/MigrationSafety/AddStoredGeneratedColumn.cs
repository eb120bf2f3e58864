using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1015: a stored generated column must be computed for every existing row, so
/// <c>ADD COLUMN … GENERATED ALWAYS AS (…) STORED</c> rewrites the whole table (and rebuilds its
/// indexes) under <c>ACCESS EXCLUSIVE</c>. Add a plain column, backfill it in batches and keep it
/// up to date with a trigger, or compute the value in queries or a view.
/// </summary>
/// <remarks>Not reported: tables created earlier in the same file.</remarks>
public sealed class AddStoredGeneratedColumn : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1015",
        "add-stored-generated-column",
        "Do not add stored generated columns to existing tables",
        "Adding generated column {0} to {1} rewrites every row of {1} under an ACCESS EXCLUSIVE lock that blocks all reads and writes.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED computes the column for every row, rewriting the table under ACCESS EXCLUSIVE.",
        hazard: new(LockMode.AccessExclusive, TableEffect.Rewrite));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (AlterTableCommands.AddedColumn(context) is { } column
            && AlterTableCommands.Constraints(column).Any(static c => c.Contype == ConstrType.ConstrGenerated)
            && AlterTableCommands.ExistingTable(context) is { } table)
        {
            context.ReportOnStatement(Rule, QualifiedName.Quote(column.Colname), table.ToQualifiedName().ToString());
        }
    }
}
