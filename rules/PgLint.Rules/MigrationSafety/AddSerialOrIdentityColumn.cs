using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1016: a <c>serial</c> column's default is <c>nextval()</c>, a volatile function, and an identity
/// column draws from a sequence too: PostgreSQL must give every existing row its own value, so adding
/// either to a table rewrites it under <c>ACCESS EXCLUSIVE</c>. Add a nullable column, attach the
/// sequence as its default, and backfill in batches.
/// </summary>
/// <remarks>Not reported: tables created earlier in the same file.</remarks>
public sealed class AddSerialOrIdentityColumn : Analyzer
{
    private static readonly HashSet<string> SerialTypes = ["serial", "bigserial", "smallserial", "serial2", "serial4", "serial8"];

    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1016",
        "add-serial-or-identity-column",
        "Do not add serial or identity columns to existing tables",
        "Adding {0} column {1} to {2} fills every existing row from a sequence, rewriting {2} under an ACCESS EXCLUSIVE lock that blocks all reads and writes.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "ADD COLUMN of a serial or identity column gives every row a sequence value, which rewrites the table under ACCESS EXCLUSIVE.",
        hazard: new(LockMode.AccessExclusive, TableEffect.Rewrite));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (AlterTableCommands.AddedColumn(context) is not { } column)
        {
            return;
        }

        var type = column.TypeName?.Names.LastOrDefault()?.AsString();
        var kind = type is not null && SerialTypes.Contains(type) ? type
            : AlterTableCommands.Constraints(column).Any(static c => c.Contype == ConstrType.ConstrIdentity) ? "identity"
            : null;
        if (kind is not null && AlterTableCommands.ExistingTable(context) is { } table)
        {
            context.ReportOnStatement(Rule, kind, QualifiedName.Quote(column.Colname), table.ToQualifiedName().ToString());
        }
    }
}
