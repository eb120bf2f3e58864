using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Indexes;

/// <summary>
/// PG4004: a query whose <c>WHERE</c> or <c>JOIN … ON</c> compares columns of a table with values, and
/// no index of that table starts with any of those columns, can only find its rows by reading the whole
/// table. On a small table that is the fastest plan; on a large one it is the slow query of the
/// week, and it gets slower as the table grows.
/// </summary>
/// <remarks>
/// Looks at the statements that run again and again: queries in the bodies of functions and procedures,
/// and, in the <c>queries</c> profile, every statement. A <c>SELECT</c>, <c>UPDATE</c> or <c>DELETE</c> at
/// the top level of a migration (or in a <c>DO</c> block) runs once, during the deploy, where a table
/// scan is no reason for an index. It reads the top level of the statement: the tables of <c>FROM</c>/<c>USING</c> and their comparisons in the top-level <c>AND</c>
/// arms. One compared column that leads a valid index is enough. Without statistics every known table
/// counts; with statistics (<c>--stats</c> or a live database) only tables with at least
/// <c>minRows</c> rows. Not reported: views, tables the catalog does not know, comparisons on
/// expressions, under <c>OR</c>, in subqueries and set operations, and columns the catalog does not know.
/// </remarks>
public sealed class MissingIndexForPredicate : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG4004",
        "missing-index-for-predicate",
        "Index the columns queries filter and join on",
        "The query filters {0} on {1}, but no index of {0} starts with {2}, so PostgreSQL reads the whole table to find the rows; create an index on ({3}).",
        RuleCategory.Indexes,
        Severity.Info,
        description: "A query that filters a table on columns no index leads with scans the whole table.",
        options:
        [
            new RuleOption("minRows", RuleOptionKind.Integer, 10_000, "With statistics, tables with fewer rows than this are not reported (a scan of a small table is cheap)."),
        ]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static start =>
        {
            var queries = start.Settings.Profile == Profiles.Queries;
            start.RegisterStatementAction(context =>
            {
                if (queries || context.Routine is { RunsAtDeploy: false })
                {
                    Analyze(context);
                }
            });
        });

    private static void Analyze(StatementContext context)
    {
        var root = context.Root;
        var (from, conditions) = root.NodeCase switch
        {
            Node.NodeOneofCase.SelectStmt when root.SelectStmt.Op == SetOperation.SetopNone => (root.SelectStmt.FromClause.ToList(), new List<Node?> { root.SelectStmt.WhereClause }),
            Node.NodeOneofCase.UpdateStmt => ([new Node { RangeVar = root.UpdateStmt.Relation }, .. root.UpdateStmt.FromClause], new List<Node?> { root.UpdateStmt.WhereClause }),
            Node.NodeOneofCase.DeleteStmt => ([new Node { RangeVar = root.DeleteStmt.Relation }, .. root.DeleteStmt.UsingClause], new List<Node?> { root.DeleteStmt.WhereClause }),
            _ => (new List<Node>(), new List<Node?>()),
        };
        if (from.Count == 0)
        {
            return;
        }

        var ctes = root.DescendantsAndSelf().Select(static d => d.Node).OfType<CommonTableExpr>().Select(static c => c.Ctename).ToHashSet(StringComparer.Ordinal);
        var relations = new List<(RangeVar Relation, Table Table)>();
        foreach (var item in from)
        {
            Collect(item, relations, conditions, context.Catalog, ctes);
        }

        var compared = new Dictionary<Table, List<string>>();
        foreach (var (names, _) in conditions.SelectMany(static c => Predicates.ComparedColumns(c)))
        {
            if (Resolve(names, relations) is { } table && !compared.GetValueOrDefault(table, []).Contains(names[^1]))
            {
                compared[table] = [.. compared.GetValueOrDefault(table, []), names[^1]];
            }
        }

        var minRows = context.Options.GetInt32(Rule, "minRows");
        foreach (var (table, columns) in compared)
        {
            if (context.Catalog.IndexesOn(table).Any(i => i.IsValid && columns.Contains(i.Keys.FirstOrDefault()?.Column ?? string.Empty))
                || (context.Statistics is { } statistics && !(statistics.FindTable(table.Name)?.Rows >= minRows)))
            {
                continue;
            }

            var relation = relations.First(r => r.Table == table).Relation;
            var list = string.Join(", ", columns.Select(QualifiedName.Quote));
            context.Report(Rule, context.Statement.GetQualifiedNameSpan(relation.Location), table.Name.ToString(), list,
                columns.Count == 1 ? list : $"any of {list}", QualifiedName.Quote(columns[0]));
        }
    }

    private static void Collect(Node item, List<(RangeVar, Table)> relations, List<Node?> conditions, Catalog catalog, HashSet<string> ctes)
    {
        switch (item.NodeCase)
        {
            case Node.NodeOneofCase.RangeVar:
                var relation = item.RangeVar;
                if ((relation.Schemaname.Length > 0 || !ctes.Contains(relation.Relname))
                    && catalog.FindTable(relation.ToQualifiedName()) is { ColumnsUnknown: false, Kind: RelationKind.Table or RelationKind.PartitionedTable or RelationKind.MaterializedView } table)
                {
                    relations.Add((relation, table));
                }

                break;
            case Node.NodeOneofCase.JoinExpr:
                Collect(item.JoinExpr.Larg, relations, conditions, catalog, ctes);
                Collect(item.JoinExpr.Rarg, relations, conditions, catalog, ctes);
                conditions.Add(item.JoinExpr.Quals);
                break;
        }
    }

    private static Table? Resolve(IReadOnlyList<string> names, List<(RangeVar Relation, Table Table)> relations)
    {
        if (names.Count == 2)
        {
            var matches = relations.Where(r => (r.Relation.Alias?.Aliasname is { Length: > 0 } alias ? alias : r.Relation.Relname) == names[0]).ToList();
            return matches.Count == 1 && matches[0].Table.FindColumn(names[1]) is not null ? matches[0].Table : null;
        }

        var candidates = relations.Where(r => r.Table.FindColumn(names[0]) is not null).Select(static r => r.Table).Distinct().ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }
}
