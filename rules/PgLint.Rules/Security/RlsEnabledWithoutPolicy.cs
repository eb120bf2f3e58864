using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5006: with row-level security enabled and no policy, PostgreSQL denies every row to every
/// role except the table owner and roles with <c>BYPASSRLS</c>. The application, which usually
/// does not own its tables, suddenly reads nothing and cannot write: a deny-all that is almost
/// always a policy forgotten in the migration, found only in production.
/// </summary>
/// <remarks>
/// Checked against the catalog at the end of the set, so a policy created by a later migration
/// counts; reported at the <c>ENABLE ROW LEVEL SECURITY</c> statement. Not reported: tables whose
/// RLS was enabled in <c>--schema</c> (no statement of the set to point at), and tables disabled
/// again or dropped before the end. A deliberate deny-all is better written as an explicit
/// restrictive policy <c>USING (false)</c>, which says so.
/// </remarks>
public sealed class RlsEnabledWithoutPolicy : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5006",
        "rls-enabled-without-policy",
        "Create a policy on every table with row-level security",
        "Row-level security is enabled on {0} but no policy exists {1}, so every role but the owner sees no rows.",
        RuleCategory.Security,
        Severity.Warning,
        description: "Row-level security without any policy denies all rows to every role except the owner, usually by mistake.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static start =>
        {
            var enabled = new Dictionary<QualifiedName, Location>();
            start.RegisterNodeAction<AlterTableStmt>(c => Remember(c, enabled));
            start.RegisterMigrationSetEndAction(c => Report(c, enabled));
        });

    private static void Remember(NodeContext<AlterTableStmt> context, Dictionary<QualifiedName, Location> enabled)
    {
        var command = context.Node.Cmds.Select(static c => c.AlterTableCmd).FirstOrDefault(static c => c?.Subtype == AlterTableType.AtEnableRowSecurity);
        if (command is not null && context.Catalog.FindTable(context.Node.Relation.ToQualifiedName()) is { } table)
        {
            enabled[table.Name] = Location.Create(context.Document.Source, context.Statement.Span);
        }
    }

    private static void Report(MigrationSetContext context, Dictionary<QualifiedName, Location> enabled)
    {
        foreach (var table in context.Catalog.Tables.Where(static t => t.RowLevelSecurity))
        {
            if (context.Catalog.PoliciesOn(table).Any())
            {
                continue;
            }

            if (enabled.TryGetValue(table.Name, out var location))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, location, table.Name.ToString(), Where(context)));
            }
            else if (table.Origin.FromLiveDatabase)
            {
                context.ReportAt(Rule, table.Origin, table.Name.ToString(), Where(context));
            }
        }
    }

    private static string Where(MigrationSetContext context) =>
        context.IsLiveDatabase ? "in the database" : "by the end of the migrations";
}
