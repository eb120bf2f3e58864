using Google.Protobuf;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Queries;

/// <summary>A relation in a query's <c>FROM</c> list, under the name the query refers to it by.</summary>
/// <param name="Name">The alias, else the table name.</param>
/// <param name="Relation">The table reference, or null for a subquery, function or <c>VALUES</c>.</param>
/// <param name="Item">The <c>FROM</c> item.</param>
internal sealed record RangeEntry(string? Name, RangeVar? Relation, IMessage Item);

/// <summary>Shapes of queries in PostgreSQL terms: conjuncts, column references, the relations a query reads.</summary>
internal static class QueryShape
{
    /// <summary>The operands of a top-level <c>AND</c> chain (the expression itself when it is not an <c>AND</c>).</summary>
    public static IEnumerable<Node> Conjuncts(Node? expression)
    {
        if (expression is null)
        {
            yield break;
        }

        if (expression.BoolExpr is { Boolop: BoolExprType.AndExpr } and)
        {
            foreach (var operand in and.Args.SelectMany(Conjuncts))
            {
                yield return operand;
            }
        }
        else
        {
            yield return expression;
        }
    }

    /// <summary>The column name of a reference (<c>o.total</c> → <c>total</c>), or null for <c>*</c>.</summary>
    public static string? ColumnName(this ColumnRef reference) => reference.Fields.Count == 0 ? null : reference.Fields[^1].AsString();

    /// <summary>The relation a reference names (<c>o.total</c> → <c>o</c>), or null when it is unqualified.</summary>
    public static string? Qualifier(this ColumnRef reference) => reference.Fields.Count < 2 ? null : reference.Fields[^2].AsString();

    /// <summary>True for <c>*</c> and <c>t.*</c>.</summary>
    public static bool IsStar(this ColumnRef reference) => reference.Fields.Count > 0 && reference.Fields[^1].NodeCase == Node.NodeOneofCase.AStar;

    /// <summary>Every column reference in the node and below it, subqueries included.</summary>
    public static IEnumerable<ColumnRef> ColumnRefs(IMessage node) =>
        node.DescendantsAndSelf().Select(static d => d.Node).OfType<ColumnRef>();

    /// <summary>The relations of a <c>FROM</c> list, joins flattened.</summary>
    public static IEnumerable<RangeEntry> Relations(IEnumerable<Node> fromList) => fromList.SelectMany(static n => Relations(n.Unwrap()));

    /// <summary>The relations of one <c>FROM</c> item, joins flattened.</summary>
    public static IEnumerable<RangeEntry> Relations(IMessage? item)
    {
        switch (item)
        {
            case RangeVar relation:
                yield return new RangeEntry(relation.Alias?.Aliasname is { Length: > 0 } alias ? alias : relation.Relname, relation, relation);
                break;
            case RangeSubselect subquery:
                yield return new RangeEntry(subquery.Alias?.Aliasname, null, subquery);
                break;
            case RangeFunction function:
                yield return new RangeEntry(function.Alias?.Aliasname, null, function);
                break;
            case JoinExpr join:
                foreach (var entry in Relations(join.Larg.Unwrap()).Concat(Relations(join.Rarg.Unwrap())))
                {
                    yield return entry;
                }

                break;
            case RangeTableSample sample:
                foreach (var entry in Relations(sample.Relation.Unwrap()))
                {
                    yield return entry;
                }

                break;
        }
    }

    /// <summary>The relations a statement-level query node reads: a SELECT's FROM, an UPDATE's target and FROM, a DELETE's target and USING.</summary>
    public static IReadOnlyList<RangeEntry> RelationsOf(IMessage query) => query switch
    {
        SelectStmt select => [.. Relations(select.FromClause)],
        UpdateStmt update => [.. Relations(update.Relation).Concat(Relations(update.FromClause))],
        DeleteStmt delete => [.. Relations(delete.Relation).Concat(Relations(delete.UsingClause))],
        _ => [],
    };

    /// <summary>
    /// The table and column a reference denotes, when the catalog knows them: a qualified reference
    /// is looked up among the relations of the nearest enclosing queries, an unqualified one only
    /// when the nearest query reads a single table.
    /// </summary>
    public static (Table Table, Column Column)? Resolve(Catalog catalog, IReadOnlyList<AstAncestor> ancestors, ColumnRef reference)
    {
        var column = reference.ColumnName();
        if (column is null || reference.Fields.Count > 3)
        {
            return null;
        }

        var qualifier = reference.Qualifier();
        for (var i = ancestors.Count - 1; i >= 0; i--)
        {
            var relations = RelationsOf(ancestors[i].Node);
            if (relations.Count == 0)
            {
                continue;
            }

            var entry = qualifier is null
                ? relations.Count == 1 ? relations[0] : null
                : relations.FirstOrDefault(r => r.Name == qualifier);
            if (entry is null && qualifier is not null)
            {
                continue;
            }

            if (entry?.Relation is not { } relation || catalog.FindTable(relation.ToQualifiedName()) is not { } table)
            {
                return null;
            }

            return table.FindColumn(column) is { } found ? (table, found) : null;
        }

        return null;
    }

    /// <summary>True when one of the ancestors holds the node in one of the given fields (e.g. <c>where_clause</c>).</summary>
    public static bool IsUnder(IReadOnlyList<AstAncestor> ancestors, params string[] fields) =>
        ancestors.Any(a => fields.Contains(a.FieldName, StringComparer.Ordinal));

    /// <summary>The names of the CTEs visible from the node (any <c>WITH</c> above it).</summary>
    public static IEnumerable<string> VisibleCteNames(IReadOnlyList<AstAncestor> ancestors) =>
        ancestors.Select(static a => a.Node switch
            {
                SelectStmt s => s.WithClause,
                UpdateStmt u => u.WithClause,
                DeleteStmt d => d.WithClause,
                InsertStmt n => n.WithClause,
                _ => null,
            })
            .OfType<WithClause>()
            .SelectMany(static w => w.Ctes.Select(static c => c.CommonTableExpr?.Ctename))
            .OfType<string>();

    /// <summary>The source text of a node with runs of white space folded to one space.</summary>
    public static string TextOf(StatementContext context, IMessage node) =>
        string.Join(' ', context.Document.Source.ToString(context.GetSpan(node)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
