using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1009: adding a foreign key to an existing table checks every row against the referenced table
/// while holding <c>SHARE ROW EXCLUSIVE</c> on both tables: writes to either wait for the whole
/// scan. Adding it <c>NOT VALID</c> is instant, and <c>VALIDATE CONSTRAINT</c> later scans under
/// <c>SHARE UPDATE EXCLUSIVE</c> (and <c>ROW SHARE</c> on the referenced table), blocking no writes.
/// </summary>
/// <remarks>
/// Not reported: tables created earlier in the same file; keys already <c>NOT VALID</c>. Both forms are
/// covered: <c>ADD CONSTRAINT … FOREIGN KEY</c> and <c>ADD COLUMN … REFERENCES</c> (a new column is
/// all NULL, but the lock on the referenced table is still taken for the check).
/// </remarks>
public sealed class AddForeignKeyWithoutNotValid : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1009",
        "add-foreign-key-without-not-valid",
        "Add foreign keys as NOT VALID, then validate them",
        "Adding {0} to {1} without NOT VALID checks every row under SHARE ROW EXCLUSIVE locks that block writes to {1} and {2}.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "Adding a validated foreign key scans the table under SHARE ROW EXCLUSIVE on both tables; add it NOT VALID and VALIDATE CONSTRAINT separately.",
        hazard: new(LockMode.ShareRowExclusive, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        var keys = AlterTableCommands.AddedConstraint(context.Node) is { } constraint
            ? [constraint]
            : AlterTableCommands.AddedColumn(context) is { } column ? AlterTableCommands.Constraints(column) : [];
        foreach (var key in keys.Where(static k => k is { Contype: ConstrType.ConstrForeign, SkipValidation: false }))
        {
            if (AlterTableCommands.ExistingTable(context) is not { } table)
            {
                return;
            }

            // NOT VALID is a table-constraint attribute only: ADD COLUMN … REFERENCES gets no fix.
            var fix = key == AlterTableCommands.AddedConstraint(context.Node) ? NotValidFix.For(context, table, key) : null;
            context.Report(Rule, context.Statement.Span, fix, AlterTableCommands.Describe(key, "foreign key"), table.ToQualifiedName().ToString(), key.Pktable.ToQualifiedName().ToString());
        }
    }
}
