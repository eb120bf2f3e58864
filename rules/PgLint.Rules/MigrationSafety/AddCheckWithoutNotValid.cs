using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1008: <c>ADD CONSTRAINT … CHECK</c> checks every existing row while holding the
/// <c>ACCESS EXCLUSIVE</c> lock <c>ALTER TABLE</c> takes, so all reads and writes wait for a full
/// scan. Adding it <c>NOT VALID</c> is instant (new rows are checked from then on), and a separate
/// <c>VALIDATE CONSTRAINT</c> scans under <c>SHARE UPDATE EXCLUSIVE</c>, which blocks neither.
/// </summary>
/// <remarks>
/// Not reported: tables created earlier in the same file; checks already <c>NOT VALID</c>. Fix: append
/// <c>NOT VALID</c> and add <c>VALIDATE CONSTRAINT</c> after the statement.
/// </remarks>
public sealed class AddCheckWithoutNotValid : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1008",
        "add-check-without-not-valid",
        "Add check constraints as NOT VALID, then validate them",
        "Adding {0} to {1} without NOT VALID scans every row of {1} under an ACCESS EXCLUSIVE lock that blocks all reads and writes.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "ADD CONSTRAINT ... CHECK validates all rows under ACCESS EXCLUSIVE; add it NOT VALID and VALIDATE CONSTRAINT separately, which scans under SHARE UPDATE EXCLUSIVE.",
        options: TableSize.Options,
        hazard: new(LockMode.AccessExclusive, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (AlterTableCommands.AddedConstraint(context.Node) is not { Contype: ConstrType.ConstrCheck, SkipValidation: false } check
            || AlterTableCommands.ExistingTable(context) is not { } table)
        {
            return;
        }

        var diagnostic = Diagnostic.Create(Rule, Location.Create(context.Document.Source, context.Statement.Span), AlterTableCommands.Describe(check, "check constraint"), table.ToQualifiedName().ToString());
        if (NotValidFix.For(context, table, check) is { } fix)
        {
            diagnostic = diagnostic.WithFix(fix);
        }

        context.ReportDiagnostic(TableSize.Scale(context, Rule, diagnostic, table.ToQualifiedName()));
    }
}
