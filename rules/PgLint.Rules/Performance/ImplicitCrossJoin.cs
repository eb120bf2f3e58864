using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2009: in <c>FROM a, b</c> the join condition lives in <c>WHERE</c>. When no condition connects
/// the two, the result is their Cartesian product: every row of <c>a</c> with every row of <c>b</c>.
/// With 10,000 rows on each side that is 100 million rows, usually followed by a <c>DISTINCT</c>
/// that hides the mistake. Explicit <c>JOIN … ON</c> keeps each join's condition next to it.
/// </summary>
/// <remarks>
/// Reported when the <c>WHERE</c> clause refers only to qualified columns and its conditions leave
/// the comma-separated relations in more than one connected group. Not reported: <c>CROSS JOIN</c>
/// (explicit), <c>LATERAL</c> items, functions and <c>VALUES</c>, relations that return one row, and
/// queries with unqualified columns, which could connect anything.
/// </remarks>
public sealed class ImplicitCrossJoin : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2009",
        "implicit-cross-join",
        "Join every relation in FROM with a condition",
        "No condition in WHERE connects {0} with {1}, so the query pairs every row of one with every row of the other; add the join condition (preferably as JOIN … ON).",
        RuleCategory.Performance,
        Severity.Warning,
        description: "A comma join whose relations no WHERE condition connects produces the Cartesian product of the relations.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        var query = context.Node;
        if (query.FromClause.Count < 2)
        {
            return;
        }

        var ancestors = context.Ancestors.Append(new AstAncestor(query, "from_clause")).ToList();
        var items = query.FromClause.Select(static f => f.Unwrap()).Where(i => i is not null && !IsExempt(i, ancestors)).ToList();
        if (items.Count < 2)
        {
            return;
        }

        var groups = items.Select(static i => QueryShape.Relations(i).Select(static r => r.Name).OfType<string>().ToHashSet(StringComparer.Ordinal)).ToList();
        // A LATERAL reference or a join condition inside an item connects it as much as WHERE does.
        foreach (var condition in QueryShape.Conjuncts(query.WhereClause).Cast<Google.Protobuf.IMessage>().Concat(items.OfType<Google.Protobuf.IMessage>()))
        {
            var references = QueryShape.ColumnRefs(condition).Where(static r => !r.IsStar()).ToList();
            if (condition is Node && references.Any(static r => r.Qualifier() is null))
            {
                return;
            }

            references.RemoveAll(static r => r.Qualifier() is null);

            var touched = groups.Where(g => references.Any(r => g.Contains(r.Qualifier()!))).ToList();
            if (touched.Count > 1)
            {
                var merged = touched.SelectMany(static g => g).ToHashSet(StringComparer.Ordinal);
                groups.RemoveAll(touched.Contains);
                groups.Add(merged);
            }
        }

        if (groups.Count < 2)
        {
            return;
        }

        var firstNames = QueryShape.Relations(items[0]).Select(static r => r.Name).OfType<string>().ToList();
        var first = groups.First(g => firstNames.Any(g.Contains));
        var other = items.First(i => !QueryShape.Relations(i).Any(r => r.Name is not null && first.Contains(r.Name)));
        var otherName = QueryShape.Relations(other).First().Name ?? "?";
        context.Report(Rule, context.GetSpan(other!), string.Join(", ", first.Order(StringComparer.Ordinal)), otherName);
    }

    private static bool IsExempt(Google.Protobuf.IMessage? item, IReadOnlyList<AstAncestor> ancestors) => item switch
    {
        RangeFunction or RangeTableFunc => true,
        RangeSubselect subquery => subquery.Lateral || QueryShape.ReturnsOneRow(subquery.Subquery?.SelectStmt) || subquery.Alias is null,
        RangeVar { Schemaname.Length: 0 } relation => QueryShape.ReturnsOneRow(QueryShape.FindCteQuery(ancestors, relation.Relname)),
        _ => false,
    };
}
