using System.Collections.Immutable;
using Google.Protobuf;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6015: an unqualified column name in a query over several relations is looked up in all of
/// them, and PostgreSQL rejects it ("column reference is ambiguous") when more than one has a
/// column of that name. The query worked when it was written; it breaks as soon as a migration adds
/// a column of the same name to another of its tables. Plain statements fail at once, but a query in
/// a PL/pgSQL body is only analysed when the function first runs, in production.
/// </summary>
/// <remarks>
/// Reported only when the catalog knows the columns of every relation of the query level (tables,
/// and subqueries and CTEs whose output names are visible), so that the count is certain. Columns
/// merged by <c>JOIN … USING</c> or <c>NATURAL JOIN</c> count once, a <c>JOIN … ON</c> condition
/// sees only the relations of its join, and a bare name in <c>ORDER BY</c> that names an output
/// column refers to that column. Not reported: names that resolve in a subquery's own relations, and
/// names that no relation of the level has (they belong to an outer query).
/// </remarks>
public sealed class AmbiguousColumnReference : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6015",
        "ambiguous-column-reference",
        "Qualify columns that several relations of the query have",
        "Column {0} exists in both {1} and {2}, so PostgreSQL rejects this unqualified reference as ambiguous; qualify it with the relation's name or alias.",
        RuleCategory.Correctness,
        Severity.Warning,
        description: "An unqualified column that more than one relation of the query has is ambiguous: PostgreSQL rejects the query, and adding a column to one table can break a query that worked.");

    private static readonly HashSet<string> NoNames = [];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<SelectStmt>(static c => Analyze(c, c.Node, c.Node.FromClause));
        context.RegisterNodeAction<UpdateStmt>(static c => Analyze(c, c.Node, [new Node { RangeVar = c.Node.Relation }, .. c.Node.FromClause]));
        context.RegisterNodeAction<DeleteStmt>(static c => Analyze(c, c.Node, [new Node { RangeVar = c.Node.Relation }, .. c.Node.UsingClause]));
    }

    private static void Analyze<TQuery>(NodeContext<TQuery> context, TQuery query, IReadOnlyList<Node> fromItems)
        where TQuery : class, IMessage
    {
        if (QueryShape.Relations(fromItems).Count() < 2)
        {
            return;
        }

        var scope = new Scope(context.Catalog, [.. context.Ancestors, new AstAncestor(query, string.Empty)]);
        var columns = scope.ColumnsOf(fromItems);
        if (columns is null)
        {
            return;
        }

        var outputNames = query is SelectStmt select ? OutputNames(select).OfType<string>().ToHashSet(StringComparer.Ordinal) : NoNames;
        ForEachChild(query, (child, field) =>
        {
            if (field is "from_clause" or "using_clause" or "relation" or "with_clause")
            {
                return;
            }

            ReportAmbiguous(context, child, columns, field == "sort_clause" ? outputNames : NoNames);
        });

        foreach (var join in fromItems.SelectMany(static i => i.Unwrap() is { } item ? OwnJoins(item) : []))
        {
            if (join.Quals is { } quals && scope.ColumnsOf(join) is { } joined)
            {
                ReportAmbiguous(context, quals.Unwrap()!, joined, NoNames);
            }
        }
    }

    private static void ReportAmbiguous(StatementContext context, IMessage expression, Dictionary<string, List<string>> columns, IReadOnlySet<string> outputNames)
    {
        foreach (var reference in OwnLevel(expression).OfType<ColumnRef>())
        {
            if (reference is { Fields: [{ String.Sval: { } name }] } && !outputNames.Contains(name)
                && columns.TryGetValue(name, out var owners) && owners.Count > 1)
            {
                context.Report(Rule, context.GetSpan(reference), QualifiedName.Quote(name), owners[0], owners[1]);
            }
        }
    }

    /// <summary>The node and its descendants that belong to the same query level: subqueries and FROM items are left out.</summary>
    private static IEnumerable<IMessage> OwnLevel(IMessage node)
    {
        yield return node;
        if (node is SubLink or SelectStmt or RangeSubselect or RangeFunction or CommonTableExpr or JoinExpr)
        {
            yield break;
        }

        var children = new List<IMessage>();
        Ast.ForEachChild(node, (child, _) => children.Add(child));
        foreach (var descendant in children.SelectMany(OwnLevel))
        {
            yield return descendant;
        }
    }

    private static void ForEachChild(IMessage node, Action<IMessage, string> visit) =>
        Ast.ForEachChild(node, (child, field) => visit(child, field.Name));

    /// <summary>The joins of a FROM item, nested ones included, but not those inside subqueries.</summary>
    private static IEnumerable<JoinExpr> OwnJoins(IMessage item) => item is JoinExpr join
        ? [join, .. OwnJoins(join.Larg.Unwrap()!), .. OwnJoins(join.Rarg.Unwrap()!)]
        : [];

    /// <summary>The output column names of a query, or a name that matches nothing for an unnamed expression.</summary>
    private static IEnumerable<string?> OutputNames(SelectStmt query)
    {
        if (query.Op != SetOperation.SetopNone)
        {
            return query.Larg is { } left ? OutputNames(left) : [null];
        }

        if (query.ValuesLists.Count > 0)
        {
            return query.ValuesLists[0].List.Items.Select(static (_, i) => (string?)$"column{i + 1}");
        }

        return query.TargetList.Select(static t => t.ResTarget switch
        {
            { Name: { Length: > 0 } alias } => alias,
            { Val.ColumnRef: { } column } when column.IsStar() => null,
            { Val.ColumnRef: { } column } => column.ColumnName(),
            _ => " ",
        });
    }

    /// <summary>The columns visible through FROM items, by name, with the relations that have them.</summary>
    private sealed class Scope(Catalog catalog, IReadOnlyList<AstAncestor> ancestors)
    {
        /// <summary>The columns of several FROM items, or null when any of them is not known.</summary>
        public Dictionary<string, List<string>>? ColumnsOf(IEnumerable<Node> items)
        {
            var all = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (item.Unwrap() is not { } message || ColumnsOf(message) is not { } columns)
                {
                    return null;
                }

                Merge(all, columns);
            }

            return all;
        }

        public Dictionary<string, List<string>>? ColumnsOf(IMessage item) => item switch
        {
            RangeVar relation => Named(relation.Alias?.Aliasname is { Length: > 0 } alias ? alias : relation.Relname, RelationColumns(relation), relation.Alias),
            RangeSubselect { Subquery.SelectStmt: { } query, Alias: { } alias } => Named(alias.Aliasname, OutputNames(query).ToList(), alias),
            JoinExpr join => Joined(join),
            _ => null,
        };

        private Dictionary<string, List<string>>? Joined(JoinExpr join)
        {
            if (join.Larg.Unwrap() is not { } left || join.Rarg.Unwrap() is not { } right
                || ColumnsOf(left) is not { } leftColumns || ColumnsOf(right) is not { } rightColumns)
            {
                return null;
            }

            // USING and NATURAL merge each named pair into one column of the join.
            var merged = join.IsNatural
                ? leftColumns.Keys.Intersect(rightColumns.Keys).ToList()
                : join.UsingClause.Select(static n => n.AsString()).OfType<string>().ToList();
            var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            Merge(result, leftColumns);
            Merge(result, rightColumns);
            foreach (var name in merged)
            {
                if (result.TryGetValue(name, out var owners))
                {
                    result[name] = [owners[0]];
                }
            }

            return join.Alias?.Aliasname is { Length: > 0 } alias
                ? result.ToDictionary(static p => p.Key, p => p.Value.Count == 1 ? [alias] : p.Value, StringComparer.Ordinal)
                : result;
        }

        private List<string?>? RelationColumns(RangeVar relation)
        {
            var name = relation.ToQualifiedName();
            if (name.Schema is null && QueryShape.VisibleCteNames(ancestors).Contains(name.Name))
            {
                var cte = QueryShape.FindCte(ancestors, name.Name);
                if (cte?.Ctequery?.SelectStmt is not { } query)
                {
                    return null;
                }

                var names = OutputNames(query).ToList();
                var aliases = cte.Aliascolnames.Select(static n => n.AsString()).ToList();
                return [.. aliases, .. names.Skip(aliases.Count)];
            }

            return catalog.FindTable(name) is { ColumnsUnknown: false, Columns.Count: > 0, PartitionOf: null, Inherits.IsEmpty: true } table
                ? [.. table.Columns.Select(static c => (string?)c.Name)]
                : null;
        }

        private static Dictionary<string, List<string>>? Named(string? label, List<string?>? columns, Alias? alias)
        {
            if (label is null || columns is null || columns.Contains(null))
            {
                return null;
            }

            var renamed = alias?.Colnames.Select(static n => n.AsString()).ToList() ?? [];
            return columns.Skip(renamed.Count).Concat(renamed).OfType<string>().Distinct(StringComparer.Ordinal)
                .ToDictionary(static c => c, _ => new List<string> { QualifiedName.Quote(label) }, StringComparer.Ordinal);
        }

        private static void Merge(Dictionary<string, List<string>> into, Dictionary<string, List<string>> from)
        {
            foreach (var (name, owners) in from)
            {
                if (into.TryGetValue(name, out var existing))
                {
                    existing.AddRange(owners);
                }
                else
                {
                    into[name] = [.. owners];
                }
            }
        }
    }
}
