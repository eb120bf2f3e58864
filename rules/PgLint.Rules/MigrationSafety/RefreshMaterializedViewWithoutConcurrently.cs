using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1030: <c>REFRESH MATERIALIZED VIEW</c> without <c>CONCURRENTLY</c> takes an
/// <c>ACCESS EXCLUSIVE</c> lock on the view for the whole refresh: every query that reads it waits
/// until the defining query has run again. <c>REFRESH … CONCURRENTLY</c> takes <c>EXCLUSIVE</c>, which
/// lets readers go on, at the price of a diff against the old contents; it needs a unique index on
/// the view (without a <c>WHERE</c> clause) and a view that is already populated.
/// </summary>
/// <remarks>
/// Not reported: a view created earlier in the same file (nobody reads it yet, and it may not be
/// populated), and <c>REFRESH … WITH NO DATA</c>, which cannot be concurrent.
/// </remarks>
public sealed class RefreshMaterializedViewWithoutConcurrently : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1030",
        "refresh-matview-without-concurrently",
        "Refresh materialized views concurrently",
        "Refreshing {0} without CONCURRENTLY holds an ACCESS EXCLUSIVE lock that blocks every query reading it until the refresh ends.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every reader of the view for the whole refresh; REFRESH MATERIALIZED VIEW CONCURRENTLY lets reads go on (it needs a unique index on the view).",
        hazard: new(LockMode.AccessExclusive, TableEffect.Rewrite));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Root.RefreshMatViewStmt is not { Concurrent: false, SkipData: false } refresh)
        {
            return;
        }

        var name = refresh.Relation.ToQualifiedName();
        var view = context.Catalog.FindTable(name);
        if (context.Migration.IsNew(view))
        {
            return;
        }

        context.Report(Rule, context.Statement.Span, Fix(context, view), name.ToString());
    }

    private static Fix? Fix(StatementContext context, Table? view)
    {
        var keyword = context.Statement.FindKeyword(Token.View);
        if (keyword is null)
        {
            return null;
        }

        // CONCURRENTLY fails without a unique index on the view: safe only when the catalog shows one.
        var hasUniqueIndex = view is not null && context.Catalog.IndexesOn(view).Any(static i => i.IsUnique);
        return new Fix(
            hasUniqueIndex ? "Insert CONCURRENTLY" : "Insert CONCURRENTLY (needs a unique index on the view)",
            [TextEdit.Insert(keyword.Value.End, " CONCURRENTLY")],
            hasUniqueIndex ? FixSafety.Safe : FixSafety.Unsafe);
    }
}
