using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.Queries;

/// <summary>A query that fetches rows of one table by an equality of its columns with parameters.</summary>
/// <param name="Table">The table, as the query names it.</param>
/// <param name="Columns">The columns compared with a <c>$n</c> parameter.</param>
internal sealed record Lookup(RangeVar Table, ImmutableArray<string> Columns);

/// <summary>A column a query returns.</summary>
/// <param name="Table">The table it comes from, when the query says so unambiguously.</param>
/// <param name="Name">The column's name in that table.</param>
internal sealed record OutputColumn(RangeVar? Table, string Name);

/// <summary>
/// Shapes of the normalized statements of <c>pg_stat_statements</c> (constants replaced by <c>$n</c>):
/// lookups by parameter, the columns a query returns, and whether one feeds the other.
/// </summary>
internal static class WorkloadShape
{
    /// <summary>The lookup a statement is (a SELECT from one table filtered by <c>column = $n</c>), or null.</summary>
    public static Lookup? Lookup(string query)
    {
        if (Select(query) is not { Op: SetOperation.SetopNone, IntoClause: null, FromClause: [{ RangeVar: { } relation }] } select)
        {
            return null;
        }

        var name = relation.Alias?.Aliasname is { Length: > 0 } alias ? alias : relation.Relname;
        var columns = QueryShape.Conjuncts(select.WhereClause).Select(c => ParameterEquality(c, name)).OfType<string>().Distinct().ToImmutableArray();
        return columns.IsEmpty ? null : new Lookup(relation, columns);
    }

    /// <summary>The columns a SELECT returns that can be traced to a table column (<c>*</c> expanded from the catalog), or null for other statements.</summary>
    public static ImmutableArray<OutputColumn>? Outputs(string query, Catalog catalog)
    {
        var select = Select(query);
        while (select is { Op: not SetOperation.SetopNone, Larg: { } left })
        {
            select = left;
        }

        if (select is not { IntoClause: null, TargetList.Count: > 0 })
        {
            return null;
        }

        var relations = QueryShape.Relations(select.FromClause).ToList();
        var outputs = new List<OutputColumn>();
        foreach (var column in select.TargetList.Select(static t => t.ResTarget?.Val?.ColumnRef).OfType<ColumnRef>())
        {
            var qualifier = column.Qualifier();
            var sources = relations.Where(r => qualifier is null || r.Name == qualifier).Select(static r => r.Relation).OfType<RangeVar>().ToList();
            if (column.IsStar())
            {
                outputs.AddRange(sources.SelectMany(s => (catalog.FindTable(s.ToQualifiedName())?.Columns ?? []).Select(c => new OutputColumn(s, c.Name))));
                continue;
            }

            var name = column.ColumnName()!;
            var owners = sources.Count <= 1 ? sources : [.. sources.Where(s => catalog.FindTable(s.ToQualifiedName())?.FindColumn(name) is not null)];
            outputs.Add(new OutputColumn(owners is [var owner] ? owner : null, name));
        }

        return [.. outputs];
    }

    /// <summary>
    /// How a returned column feeds the lookup's parameter (<c>customer_id in customers.id</c>), or null:
    /// a foreign key from the column to the compared one, the same column name (<c>id</c> only within
    /// one table), or the compared column prefixed with the table's name in the singular.
    /// </summary>
    public static string? Link(Lookup lookup, ImmutableArray<OutputColumn> outputs, Catalog catalog)
    {
        var target = lookup.Table.ToQualifiedName();
        var table = catalog.FindTable(target);
        foreach (var column in lookup.Columns)
        {
            foreach (var output in outputs)
            {
                var sameTable = output.Table is { } source && (table is null ? source.Relname == target.Name : catalog.FindTable(source.ToQualifiedName()) == table);
                var linked = (output.Name == column && (column != "id" || sameTable))
                    || Singulars(target.Name).Any(s => output.Name == $"{s}_{column}" || output.Name == s + column)
                    || (table is not null && ReferencesColumn(output, table, column, catalog));
                if (linked)
                {
                    return $"{output.Name} in {target.Name}.{column}";
                }
            }
        }

        return null;
    }

    private static bool ReferencesColumn(OutputColumn output, Table referenced, string column, Catalog catalog) =>
        output.Table is { } source && catalog.FindTable(source.ToQualifiedName()) is { } from
        && Catalog.ForeignKeysOf(from).Any(fk =>
            fk.Columns.SequenceEqual([output.Name])
            && fk.ReferencedTable is { } name && catalog.FindTable(name) == referenced
            && (fk.ReferencedColumns.IsEmpty ? referenced.PrimaryKey?.Columns.SequenceEqual([column]) == true : fk.ReferencedColumns.SequenceEqual([column])));

    /// <summary>The table name and its plausible singulars: <c>customers</c> → <c>customer</c>, <c>categories</c> → <c>category</c>.</summary>
    private static IEnumerable<string> Singulars(string table)
    {
        yield return table;
        if (table.EndsWith("ies", StringComparison.Ordinal))
        {
            yield return table[..^3] + "y";
        }

        if (table.EndsWith("es", StringComparison.Ordinal))
        {
            yield return table[..^2];
        }

        if (table.EndsWith('s'))
        {
            yield return table[..^1];
        }
    }

    private static string? ParameterEquality(Node condition, string relation)
    {
        if (condition.AExpr is not { Kind: A_Expr_Kind.AexprOp } equality || equality.OperatorName() != "=")
        {
            return null;
        }

        var (column, value) = equality.Lexpr?.ColumnRef is { } left ? (left, equality.Rexpr) : (equality.Rexpr?.ColumnRef, equality.Lexpr);
        return column is null || column.IsStar() || (column.Qualifier() is { } qualifier && qualifier != relation) || !IsParameter(value)
            ? null
            : column.ColumnName();
    }

    private static bool IsParameter(Node? node) => node switch
    {
        { ParamRef: not null } => true,
        { TypeCast: { } cast } => IsParameter(cast.Arg),
        _ => false,
    };

    private static SelectStmt? Select(string query) =>
        SqlParser.ParseText(query, out _) is { Stmts: [{ Stmt.SelectStmt: { } select }] } ? select : null;
}
