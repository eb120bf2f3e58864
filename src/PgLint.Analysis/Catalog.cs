using System.Collections.Immutable;

namespace PgLint.Analysis;

/// <summary>Where and when a catalog object was created.</summary>
/// <param name="SetId">The migration set.</param>
/// <param name="DocumentIndex">The file's index in the set (-1 for a schema dump).</param>
/// <param name="StatementOrdinal">The statement's ordinal in the file.</param>
/// <param name="TransactionId">The transaction within the file.</param>
/// <param name="FromSchema">True when it came from <c>--schema</c> or a live database.</param>
public sealed record ObjectOrigin(int SetId, int DocumentIndex, int StatementOrdinal, int TransactionId, bool FromSchema);

/// <summary>Something the catalog knows by name.</summary>
public abstract class CatalogObject
{
    private protected CatalogObject(QualifiedName name, ObjectOrigin origin)
    {
        Name = name;
        Origin = origin;
    }

    /// <summary>The schema-qualified name.</summary>
    public QualifiedName Name { get; internal set; }

    /// <summary>Where it was created.</summary>
    public ObjectOrigin Origin { get; }
}

/// <summary>What kind of relation a table-like object is.</summary>
public enum RelationKind
{
    /// <summary>An ordinary table.</summary>
    Table,

    /// <summary>A partitioned table (the parent).</summary>
    PartitionedTable,

    /// <summary>A view.</summary>
    View,

    /// <summary>A materialized view.</summary>
    MaterializedView,
}

/// <summary>A column of a table.</summary>
/// <param name="Name">The column name.</param>
/// <param name="TypeName">The type as written, normalised (e.g. <c>varchar(20)</c>).</param>
/// <param name="NotNull">True when declared NOT NULL (or part of the primary key).</param>
public sealed record Column(string Name, string TypeName, bool NotNull);

/// <summary>A table, view or materialized view.</summary>
public sealed class Table : CatalogObject
{
    internal Table(QualifiedName name, ObjectOrigin origin, RelationKind kind)
        : base(name, origin)
    {
        Kind = kind;
    }

    /// <summary>What kind of relation it is.</summary>
    public RelationKind Kind { get; }

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<Column> Columns => ColumnList;

    internal List<Column> ColumnList { get; } = [];

    /// <summary>The column of that name, or null.</summary>
    public Column? FindColumn(string name) => ColumnList.Find(c => c.Name == name);
}

/// <summary>An index.</summary>
public sealed class Index : CatalogObject
{
    internal Index(QualifiedName name, ObjectOrigin origin, QualifiedName table, ImmutableArray<string> keys, bool unique, string method)
        : base(name, origin)
    {
        Table = table;
        Keys = keys;
        IsUnique = unique;
        Method = method;
    }

    /// <summary>The indexed table.</summary>
    public QualifiedName Table { get; internal set; }

    /// <summary>The key columns (names; expressions as written).</summary>
    public ImmutableArray<string> Keys { get; }

    /// <summary>True for a unique index.</summary>
    public bool IsUnique { get; }

    /// <summary>The access method, e.g. <c>btree</c>.</summary>
    public string Method { get; }
}

/// <summary>
/// The schema as it stands before the current statement: built by replaying the migration set (and
/// any <c>--schema</c> dump). An object the catalog does not know is unknown, never guessed.
/// </summary>
public sealed class Catalog
{
    private readonly Dictionary<QualifiedName, Table> _tables = [];
    private readonly Dictionary<QualifiedName, Index> _indexes = [];
    private readonly HashSet<string> _schemas = ["public", "pg_catalog"];

    /// <summary>The schemas searched for unqualified names, in order.</summary>
    public ImmutableArray<string> SearchPath { get; internal set; } = ["public"];

    /// <summary>Every known table, view and materialized view.</summary>
    public IEnumerable<Table> Tables => _tables.Values;

    /// <summary>Every known index.</summary>
    public IEnumerable<Index> Indexes => _indexes.Values;

    /// <summary>Known schema names.</summary>
    public IReadOnlySet<string> Schemas => _schemas;

    /// <summary>The table a possibly unqualified name refers to, following <see cref="SearchPath"/>; null when unknown.</summary>
    public Table? FindTable(QualifiedName name) => Resolve(_tables, name);

    /// <summary>The index a possibly unqualified name refers to; null when unknown.</summary>
    public Index? FindIndex(QualifiedName name) => Resolve(_indexes, name);

    /// <summary>The indexes on a table.</summary>
    public IEnumerable<Index> IndexesOn(Table table) => _indexes.Values.Where(i => i.Table == table.Name);

    internal QualifiedName Qualify(QualifiedName name) =>
        name.Schema is not null ? name : name with { Schema = SearchPath.FirstOrDefault(s => s != "$user") ?? "public" };

    internal void AddSchema(string name) => _schemas.Add(name);

    internal void AddTable(Table table) => _tables[table.Name] = table;

    internal void AddIndex(Index index) => _indexes[index.Name] = index;

    internal void RemoveTable(Table table)
    {
        _tables.Remove(table.Name);
        foreach (var index in IndexesOn(table).ToList())
        {
            _indexes.Remove(index.Name);
        }
    }

    internal void RemoveIndex(Index index) => _indexes.Remove(index.Name);

    internal void RenameTable(Table table, string newName)
    {
        var old = table.Name;
        _tables.Remove(old);
        table.Name = old with { Name = newName };
        _tables[table.Name] = table;
        foreach (var index in _indexes.Values.Where(i => i.Table == old))
        {
            index.Table = table.Name;
        }
    }

    internal void RenameIndex(Index index, string newName)
    {
        _indexes.Remove(index.Name);
        index.Name = index.Name with { Name = newName };
        _indexes[index.Name] = index;
    }

    private T? Resolve<T>(Dictionary<QualifiedName, T> map, QualifiedName name)
        where T : class
    {
        if (name.Schema is not null)
        {
            return map.GetValueOrDefault(name);
        }

        foreach (var schema in SearchPath)
        {
            if (map.TryGetValue(name with { Schema = schema }, out var found))
            {
                return found;
            }
        }

        return map.GetValueOrDefault(name with { Schema = "pg_temp" });
    }
}
