using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Analysis.Plans;

namespace PgLint.Rules.Plans;

/// <summary>
/// PG9010: proves an index instead of guessing one. For a sequential scan with a filter on a large
/// table, the query is planned again with a hypothetical B-tree index on the filtered columns
/// (hypopg: nothing is built, only the planner is told); when the estimated cost drops to half or
/// less, the finding carries the <c>CREATE INDEX CONCURRENTLY</c> statement and both costs.
/// </summary>
/// <remarks>
/// Needs the hypopg extension in the database (see <c>pglint explain --hypopg</c>); without it the
/// run says that PG9010 was skipped and why. Tables below <c>minimumRows</c> are not tried.
/// </remarks>
public sealed class IndexWouldHelp : PlanAnalyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9010",
        "index-would-help",
        "Create the index that halves the query's cost",
        "A hypothetical index cuts this query's estimated cost from {0} to {1} ({2}): {3}",
        RuleCategory.Plans,
        Severity.Info,
        description: "A hypothetical index (hypopg) on the filtered columns cuts the query's estimated cost by half or more.",
        options: [new RuleOption("minimumRows", RuleOptionKind.Integer, 10000, "Tables with fewer rows (pg_class.reltuples) are not tried.")]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override bool NeedsHypotheticalIndexes => true;

    /// <inheritdoc />
    public override void AnalyzePlan(PlanContext context)
    {
        if (context.HypotheticalIndexes is not { } advisor)
        {
            return;
        }

        var minimumRows = context.Options.GetInt32(Rule, "minimumRows");
        var tried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scan in context.Plan.Nodes.Where(static n => n.IsSeqScan && n.Filter is not null))
        {
            if (context.GetRelation(scan) is not { } table || table.Rows < minimumRows)
            {
                continue;
            }

            // A B-tree serves its leading columns best; three filtered columns are as far as a proposal should go.
            var columns = PlanContext.FilterColumns(scan).Take(3).ToList();
            if (columns.Count == 0 || !tried.Add($"{table.Schema}.{table.Name}({string.Join(',', columns)})"))
            {
                continue;
            }

            if (advisor.TryIndex(table.Schema, table.Name, columns) is { UsedByPlan: true } result && result.CostAfter <= result.CostBefore / 2)
            {
                context.Report(
                    Rule,
                    new Dictionary<string, string>
                    {
                        ["createIndex"] = result.CreateIndexStatement,
                        ["costBefore"] = result.CostBefore.ToString("0.##", CultureInfo.InvariantCulture),
                        ["costAfter"] = result.CostAfter.ToString("0.##", CultureInfo.InvariantCulture),
                    },
                    result.CostBefore.ToString("0.##", CultureInfo.InvariantCulture),
                    result.CostAfter.ToString("0.##", CultureInfo.InvariantCulture),
                    (result.CostAfter / result.CostBefore).ToString("0.#%", CultureInfo.InvariantCulture),
                    result.CreateIndexStatement);
            }
        }
    }
}
