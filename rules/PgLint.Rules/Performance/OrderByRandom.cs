using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2006: <c>ORDER BY random()</c> gives every row a random key and sorts them all: the whole table
/// (after <c>WHERE</c>) is read and sorted, even with <c>LIMIT 1</c>, so picking one random row costs
/// as much as sorting the table. <c>TABLESAMPLE SYSTEM</c>/<c>BERNOULLI</c> reads a sample, and a
/// random key range (<c>WHERE id &gt;= random_id ORDER BY id LIMIT 1</c>) uses an index.
/// </summary>
/// <remarks>Only the query's own <c>ORDER BY</c> is checked; <c>random()</c> elsewhere is fine.</remarks>
public sealed class OrderByRandom : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2006",
        "order-by-random",
        "Do not sort by random() to pick random rows",
        "ORDER BY random() reads and sorts every qualifying row to pick a few, whatever the LIMIT; sample with TABLESAMPLE or pick a random key and use the index.",
        RuleCategory.Performance,
        Severity.Warning,
        description: "ORDER BY random() sorts all qualifying rows; TABLESAMPLE or a random key range avoid the full scan and sort.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        foreach (var sort in context.Node.SortClause.Select(static s => s.SortBy).OfType<SortBy>())
        {
            if (sort.Node?.FuncCall is { Args.Count: 0 } call && call.Funcname[^1].AsString() == "random"
                && (call.Funcname.Count == 1 || call.Funcname[0].AsString() == "pg_catalog"))
            {
                context.Report(Rule, context.GetSpan(call));
            }
        }
    }
}
