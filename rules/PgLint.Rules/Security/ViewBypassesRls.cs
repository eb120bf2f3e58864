using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5010: a view reads its tables with the privileges of the view's owner, not of the role querying
/// it. The owner is usually the owner of the tables too, and owners are not subject to their tables'
/// row-level security (unless <c>FORCE ROW LEVEL SECURITY</c>), so every row comes back through the
/// view whatever the policies say. Since PostgreSQL 15, <c>WITH (security_invoker = true)</c> makes the
/// view check privileges and policies as the querying role.
/// </summary>
/// <remarks>
/// Reported at the end of the migration set, for views the set creates whose query names a table that
/// has row-level security enabled by then and that do not end with <c>security_invoker</c> on. Not
/// reported before PostgreSQL 15 (the option does not exist; there the fix is a security-barrier view
/// that filters by itself, which this rule cannot judge), for views over views, or on a live database
/// (the catalog does not record what a view reads).
/// </remarks>
public sealed class ViewBypassesRls : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5010",
        "view-bypasses-rls",
        "Create views over row-level-secured tables with security_invoker",
        "View {0} reads {1}, which has row-level security, with the privileges of the view's owner, so its policies do not filter what other roles see through the view; create it WITH (security_invoker = true).",
        RuleCategory.Security,
        Severity.Warning,
        description: "A view without security_invoker reads its tables as its owner, bypassing row-level security.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static start =>
        {
            if (!start.Settings.PostgresVersion.IsAtLeast(15))
            {
                return;
            }

            var views = new List<(QualifiedName View, List<QualifiedName> Tables)>();
            start.RegisterNodeAction<ViewStmt>(context =>
            {
                if (context.Routine is { RunsAtDeploy: false })
                {
                    return;
                }

                var view = context.Catalog.FindTable(context.Node.View.ToQualifiedName())?.Name ?? context.Node.View.ToQualifiedName();
                views.Add((view, ReadTables(context.Node.Query, context.Catalog)));
            });
            start.RegisterMigrationSetEndAction(end =>
            {
                foreach (var (name, tables) in views)
                {
                    if (end.Catalog.FindTable(name) is not { Kind: RelationKind.View } view || IsOn(view.Options.GetValueOrDefault("security_invoker")))
                    {
                        continue;
                    }

                    if (tables.Select(end.Catalog.FindTable).FirstOrDefault(static t => t is { RowLevelSecurity: true }) is { } secured)
                    {
                        end.ReportAt(Rule, view.Origin, view.Name.ToString(), secured.Name.ToString());
                    }
                }
            });
        });

    private static List<QualifiedName> ReadTables(Node query, Catalog catalog)
    {
        var ctes = query.DescendantsAndSelf().Select(static d => d.Node).OfType<CommonTableExpr>().Select(static c => c.Ctename).ToHashSet(StringComparer.Ordinal);
        return [.. query.DescendantsAndSelf()
            .Select(static d => d.Node)
            .OfType<RangeVar>()
            .Where(r => r.Schemaname.Length > 0 || !ctes.Contains(r.Relname))
            .Select(r => catalog.FindTable(r.ToQualifiedName())?.Name ?? r.ToQualifiedName())
            .Distinct()];
    }

    private static bool IsOn(string? value) => value?.ToLowerInvariant() is "true" or "on" or "1" or "yes" or "t";
}
