using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1034: before PostgreSQL 12, <c>ALTER TYPE … ADD VALUE</c> cannot run inside a transaction block
/// at all, so a migration runner that wraps files in a transaction fails on it. From 12 on it can,
/// but the new value cannot be used until the transaction commits ("unsafe use of new value"): an
/// <c>INSERT</c> or <c>UPDATE</c> with it in the same migration fails.
/// </summary>
/// <remarks>Not reported: <c>ADD VALUE</c> in autocommit; <c>RENAME VALUE</c>.</remarks>
public sealed class EnumAddValueInTransaction : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1034",
        "enum-add-value-in-transaction",
        "Add enum values outside the transaction that uses them",
        "{0}",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "ALTER TYPE ... ADD VALUE fails inside a transaction block before PostgreSQL 12; from 12 on the new value is unusable until commit.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(static statement =>
        {
            if (statement.Root.AlterEnumStmt is not { } alter || alter.NewVal.Length == 0 || alter.OldVal.Length > 0
                || !statement.Migration.Transaction.InTransactionBlock)
            {
                return;
            }

            var type = alter.TypeName.ToQualifiedName();
            var message = statement.Migration.TargetVersion.IsAtLeast(12)
                ? $"Enum value '{alter.NewVal}' added to {type} inside a transaction cannot be used until the transaction commits: statements after it in this transaction that use it fail."
                : $"ALTER TYPE {type} ADD VALUE cannot run inside a transaction block before PostgreSQL 12: the migration fails.";
            statement.ReportOnStatement(Rule, message);
        });
}
