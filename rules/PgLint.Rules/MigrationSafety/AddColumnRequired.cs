using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1006: <c>ADD COLUMN … NOT NULL</c> without a <c>DEFAULT</c> fails on a table that has rows
/// ("column contains null values"): the migration works on an empty development database and
/// breaks in production. Add the column nullable, backfill, then add the constraint — or give it a
/// constant default, which costs no rewrite since PostgreSQL 11.
/// </summary>
/// <remarks>Not reported: tables created earlier in the same file; identity and generated columns, which fill themselves.</remarks>
public sealed class AddColumnRequired : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1006",
        "add-column-required",
        "Give new NOT NULL columns a default",
        "Adding NOT NULL column {0} to {1} without a DEFAULT fails as soon as {1} has a row.",
        RuleCategory.MigrationSafety,
        Severity.Error,
        description: "ADD COLUMN ... NOT NULL without DEFAULT fails with 'column contains null values' on any table that has rows.",
        hazard: new(LockMode.AccessExclusive, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (AlterTableCommands.AddedColumn(context) is not { } column || AlterTableCommands.ExistingTable(context) is not { } table)
        {
            return;
        }

        var constraints = AlterTableCommands.Constraints(column).Select(static c => c.Contype).ToList();
        var notNull = column.IsNotNull || constraints.Contains(ConstrType.ConstrNotnull) || constraints.Contains(ConstrType.ConstrPrimary);
        var fillsItself = column.RawDefault is not null
            || constraints.Any(static c => c is ConstrType.ConstrDefault or ConstrType.ConstrIdentity or ConstrType.ConstrGenerated)
            || column.TypeName?.Names.LastOrDefault()?.AsString() is "serial" or "bigserial" or "smallserial" or "serial4" or "serial8" or "serial2";
        if (notNull && !fillsItself)
        {
            context.ReportOnStatement(Rule, QualifiedName.Quote(column.Colname), table.ToQualifiedName().ToString());
        }
    }
}
