using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1007: <c>ALTER COLUMN … SET NOT NULL</c> reads every row to prove there is no NULL while holding
/// <c>ACCESS EXCLUSIVE</c>. Since PostgreSQL 12 the scan is skipped when a validated
/// <c>CHECK (col IS NOT NULL)</c> already proves it: add that check <c>NOT VALID</c>, validate it under
/// <c>SHARE UPDATE EXCLUSIVE</c>, then set NOT NULL.
/// </summary>
/// <remarks>
/// Not reported: tables created earlier in the same file; columns the catalog already knows as NOT NULL (the
/// command is then a no-op); on PostgreSQL 12 and later, columns with a validated <c>CHECK (col IS NOT NULL)</c>
/// known from earlier statements of the set, also on tables the catalog does not know (added without
/// <c>NOT VALID</c>, or validated since).
/// </remarks>
public sealed class SetNotNull : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1007",
        "set-not-null",
        "Prove NOT NULL with a validated check constraint before setting it",
        "Setting column {0} of {1} NOT NULL scans every row of {1} under an ACCESS EXCLUSIVE lock that blocks all reads and writes{2}.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "SET NOT NULL checks every row under ACCESS EXCLUSIVE; on PostgreSQL 12 and later a validated CHECK (col IS NOT NULL), added NOT VALID and validated separately, lets it skip the scan.",
        hazard: new MigrationHazard(LockMode.AccessExclusive, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static start =>
        {
            var earlier = EarlierStatements.Track(start);
            start.RegisterNodeAction<AlterTableCmd>(context => Analyze(context, earlier));
        });

    private static void Analyze(NodeContext<AlterTableCmd> context, EarlierStatements earlier)
    {
        if (context.Node.Subtype != AlterTableType.AtSetNotNull || AlterTableCommands.ExistingTable(context) is not { } relation)
        {
            return;
        }

        var column = context.Node.Name;
        var table = context.Catalog.FindTable(relation.ToQualifiedName());
        // The catalog answers for the tables it knows; the notes only for the others.
        var notes = table is null ? earlier.For(relation) : EarlierStatements.TableNotes.Empty;
        if (table?.FindColumn(column) is { NotNull: true } || notes.NotNullColumns.Contains(column))
        {
            return;
        }

        var pg12 = context.Migration.TargetVersion.IsAtLeast(12);
        if (pg12 && ((table is not null && HasValidatedNotNullCheck(table, column)) || notes.HasValidatedNotNullCheck(column)))
        {
            return;
        }

        var hint = pg12
            ? "; a validated CHECK (" + QualifiedName.Quote(column) + " IS NOT NULL) would let it skip the scan"
            : string.Empty;
        context.ReportOnStatement(Rule, QualifiedName.Quote(column), relation.ToQualifiedName().ToString(), hint);
    }

    /// <summary>True when a validated <c>CHECK (column IS NOT NULL)</c> on the table proves the column has no NULL.</summary>
    internal static bool HasValidatedNotNullCheck(Table table, string column) =>
        table.Constraints.Any(c => c is { Type: ConstraintType.Check, IsValidated: true } && c.NotNullColumn == column);
}
