using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1027: <c>SET LOGGED</c> and <c>SET UNLOGGED</c> change whether the table is written to the WAL,
/// which PostgreSQL does by writing a new copy of the table and its indexes under
/// <c>ACCESS EXCLUSIVE</c>; <c>SET LOGGED</c> also writes the whole table to the WAL, a burst that
/// replicas must replay.
/// </summary>
/// <remarks>Not reported: tables created earlier in the same file.</remarks>
public sealed class SetLoggedOrUnlogged : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1027",
        "set-logged-or-unlogged",
        "Do not switch existing tables between logged and unlogged",
        "ALTER TABLE … {0} rewrites {1} and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "SET LOGGED / SET UNLOGGED rewrite the table and its indexes under ACCESS EXCLUSIVE.",
        hazard: new(LockMode.AccessExclusive, TableEffect.Rewrite));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        var form = context.Node.Subtype switch
        {
            AlterTableType.AtSetLogged => "SET LOGGED",
            AlterTableType.AtSetUnLogged => "SET UNLOGGED",
            _ => null,
        };
        if (form is not null && AlterTableCommands.ExistingTable(context) is { } table)
        {
            context.ReportOnStatement(Rule, form, table.ToQualifiedName().ToString());
        }
    }
}
