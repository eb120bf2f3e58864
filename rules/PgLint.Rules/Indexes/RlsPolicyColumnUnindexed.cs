using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.Indexes;

/// <summary>
/// PG4011: a policy's <c>USING</c> condition is added to every query on its table. When it compares a
/// column with the current user or tenant (<c>tenant_id = current_setting('app.tenant')::bigint</c>) and
/// no index starts with that column, every query of a role the policy applies to scans the whole
/// table to find its own rows, however selective the rest of the query is.
/// </summary>
/// <remarks>
/// Reported at the end of the migration set (or on a live database's catalog). Only equality and
/// membership (<c>=</c>, <c>IN</c>, <c>IN (SELECT …)</c>, <c>= ANY</c>) in the top-level <c>AND</c> arms of
/// <c>USING</c> count, with values that read no column (a range such as <c>a &lt; 8</c> often keeps most rows,
/// where an index does not help, and a scalar subquery may depend on the row); one indexed column among them is enough. Not
/// reported: <c>WITH CHECK</c> (it checks new rows, no index involved), conditions under <c>OR</c> or in
/// subqueries, and tables the catalog knows no columns of.
/// </remarks>
public sealed class RlsPolicyColumnUnindexed : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG4011",
        "rls-policy-column-unindexed",
        "Index the columns row-level security policies filter on",
        "Policy {0} on {1} filters on {2}, which no index of {1} starts with, so every query the policy applies to scans the table for its rows; create an index on ({3}).",
        RuleCategory.Indexes,
        Severity.Info,
        description: "The USING condition of a policy is part of every query on the table; without an index on its columns each query scans the table.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        foreach (var policy in context.Catalog.Policies)
        {
            if (policy.Using is null
                || context.Catalog.FindTable(policy.Table) is not { ColumnsUnknown: false, RowLevelSecurity: true } table
                || Parse(policy.Using) is not { } condition)
            {
                continue;
            }

            var columns = Predicates.ComparedColumns(condition, equalityOnly: true)
                .Where(c => c.Column.Count == 1 || c.Column[0] == table.Name.Name)
                .Select(static c => c.Column[^1])
                .Where(c => table.FindColumn(c) is not null)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (columns.Count == 0 || columns.Any(c => context.Catalog.IndexesOn(table).Any(i => i.IsValid && i.Keys.FirstOrDefault()?.Column == c)))
            {
                continue;
            }

            context.ReportAt(Rule, policy.Origin, QualifiedName.Quote(policy.Name), table.Name.ToString(),
                string.Join(", ", columns.Select(QualifiedName.Quote)), QualifiedName.Quote(columns[0]));
        }
    }

    private static Node? Parse(string expression) =>
        SqlParser.ParseText("SELECT " + expression, out _) is { } result
        && result.Stmts.FirstOrDefault()?.Stmt?.SelectStmt is { } select
        && select.TargetList.FirstOrDefault()?.ResTarget is { } target
            ? target.Val
            : null;
}
