using Google.Protobuf;
using PgLint.Analysis;
using PgLint.Syntax;
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

    /// <summary>
    /// True when the node is part of a query's filter or join condition: the <c>WHERE</c> of a
    /// SELECT, UPDATE or DELETE, a <c>JOIN … ON</c>, or (when asked) a <c>HAVING</c>; not an index
    /// predicate, a policy or a CHECK constraint.
    /// </summary>
    public static bool IsInQueryCondition(IReadOnlyList<AstAncestor> ancestors, bool includeHaving = false) =>
        ancestors.Any(a => a switch
        {
            { Node: SelectStmt or UpdateStmt or DeleteStmt, FieldName: "where_clause" } => true,
            { Node: JoinExpr, FieldName: "quals" } => true,
            { Node: SelectStmt, FieldName: "having_clause" } => includeHaving,
            _ => false,
        });

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

    /// <summary>
    /// True when a query evidently returns at most one row: no <c>FROM</c>, one <c>VALUES</c> row,
    /// only aggregates without <c>GROUP BY</c>, or <c>LIMIT 1</c>.
    /// </summary>
    public static bool ReturnsOneRow(SelectStmt? query) => query switch
    {
        null => false,
        { Op: not SetOperation.SetopNone } => false,
        { ValuesLists.Count: 1 } => true,
        { ValuesLists.Count: > 1 } => false,
        { FromClause.Count: 0 } => true,
        _ when query.LimitCount.ConstantText() == "1" => true,
        { GroupClause.Count: 0, HavingClause: null } => query.TargetList.All(static t => t.ResTarget?.Val?.FuncCall is { } call && IsAggregate(call)),
        _ => false,
    };

    /// <summary>True for a call of a built-in aggregate (<c>count</c>, <c>sum</c>, <c>max</c> …).</summary>
    public static bool IsAggregate(FuncCall call) =>
        call.AggStar || call.AggDistinct || call.AggFilter is not null || call.AggOrder.Count > 0
        || (call.Funcname.Count > 0 && Aggregates.Contains(call.Funcname[^1].AsString() ?? string.Empty));

    private static readonly HashSet<string> Aggregates =
        ["count", "sum", "avg", "min", "max", "bool_and", "bool_or", "every", "array_agg", "string_agg", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg", "bit_and", "bit_or", "stddev", "variance"];

    /// <summary>The query a CTE of the given name defines, when one is visible from the ancestors.</summary>
    public static SelectStmt? FindCteQuery(IReadOnlyList<AstAncestor> ancestors, string name) =>
        FindCte(ancestors, name)?.Ctequery?.SelectStmt;

    /// <summary>The innermost CTE of the given name visible from the ancestors, or null.</summary>
    public static CommonTableExpr? FindCte(IReadOnlyList<AstAncestor> ancestors, string name) =>
        ancestors.Select(static a => a.Node switch
            {
                SelectStmt s => s.WithClause,
                UpdateStmt u => u.WithClause,
                DeleteStmt d => d.WithClause,
                InsertStmt n => n.WithClause,
                _ => null,
            })
            .OfType<WithClause>()
            .SelectMany(static w => w.Ctes.Select(static c => c.CommonTableExpr))
            .LastOrDefault(c => c?.Ctename == name);

    /// <summary>The span of a parenthesized subquery, parentheses included (the node's own span when there are none).</summary>
    public static TextSpan SubquerySpan(StatementContext context, IMessage query)
    {
        var statement = context.Statement;
        var (first, _) = query.GetLocationExtent();
        var open = first < 0 ? -1 : statement.FindTokenIndex(statement.ByteStart + first);
        while (open > 0 && statement.Tokens[open].Kind != Token.Select)
        {
            open--;
        }

        while (open > 0 && statement.Tokens[open].Kind != Token.Ascii40)
        {
            open--;
        }

        if (open < 0 || statement.Tokens[open].Kind != Token.Ascii40)
        {
            return context.GetSpan(query);
        }

        var depth = 0;
        for (var i = open; i < statement.Tokens.Length; i++)
        {
            depth += statement.Tokens[i].Kind switch
            {
                Token.Ascii40 => 1,
                Token.Ascii41 => -1,
                _ => 0,
            };
            if (depth == 0)
            {
                return TextSpan.FromBounds(statement.GetTokenSpanAt(open).Start, statement.GetTokenSpanAt(i).End);
            }
        }

        return context.GetSpan(query);
    }

    /// <summary>True when two expressions are the same tree, wherever they are written.</summary>
    /// <param name="left">One expression.</param>
    /// <param name="right">The other.</param>
    /// <param name="ignoreQualifiers">Compare column references by column name only (<c>o.total</c> matches <c>total</c>).</param>
    public static bool SameExpression(IMessage? left, IMessage? right, bool ignoreQualifiers = false)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (ignoreQualifiers && left is ColumnRef a && right is ColumnRef b)
        {
            return a.ColumnName() == b.ColumnName();
        }

        if (left.Descriptor != right.Descriptor)
        {
            return false;
        }

        foreach (var field in left.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.Name == "location")
            {
                continue;
            }

            var valueA = field.Accessor.GetValue(left);
            var valueB = field.Accessor.GetValue(right);
            if (field.IsRepeated)
            {
                var listA = (System.Collections.IList)valueA;
                var listB = (System.Collections.IList)valueB;
                if (listA.Count != listB.Count)
                {
                    return false;
                }

                for (var i = 0; i < listA.Count; i++)
                {
                    if (!SameValue(listA[i], listB[i], ignoreQualifiers))
                    {
                        return false;
                    }
                }
            }
            else if (!SameValue(valueA, valueB, ignoreQualifiers))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameValue(object? a, object? b, bool ignoreQualifiers) =>
        a is IMessage || b is IMessage ? SameExpression(a as IMessage, b as IMessage, ignoreQualifiers) : Equals(a, b);

    /// <summary>The expression of an index key as an AST (parsed from its text), or null when it does not parse.</summary>
    public static Node? ParseExpression(string expression)
    {
        var result = SqlParser.ParseText("SELECT " + expression, out _);
        return result?.Stmts is [{ Stmt.SelectStmt: { TargetList: [{ ResTarget.Val: { } value }] } }] ? value : null;
    }
}
