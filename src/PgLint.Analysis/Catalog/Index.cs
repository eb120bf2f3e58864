using System.Collections.Immutable;

namespace PgLint.Analysis;

/// <summary>One key of an index: a column, or an expression.</summary>
/// <param name="Column">The column name, or null for an expression.</param>
/// <param name="Expression">The expression as written (without its parentheses), or null for a column.</param>
/// <param name="Opclass">The operator class when one was named, or null.</param>
/// <param name="Descending">True for <c>DESC</c>.</param>
public sealed record IndexKey(string? Column, string? Expression, string? Opclass = null, bool Descending = false)
{
    /// <inheritdoc />
    public override string ToString() =>
        (Column is not null ? QualifiedName.Quote(Column) : $"({Expression})")
        + (Opclass is null ? string.Empty : " " + Opclass)
        + (Descending ? " DESC" : string.Empty);
}

/// <summary>An index (<c>pg_index</c>).</summary>
public sealed class Index : CatalogObject
{
    internal Index(QualifiedName name, ObjectOrigin origin, QualifiedName table, ImmutableArray<IndexKey> keys, bool unique, string method)
        : base(name, origin)
    {
        Table = table;
        Keys = keys;
        IsUnique = unique;
        Method = method;
    }

    /// <summary>The indexed table.</summary>
    public QualifiedName Table { get; internal set; }

    /// <summary>The key columns and expressions, in order.</summary>
    public ImmutableArray<IndexKey> Keys { get; internal set; }

    /// <summary>The non-key columns of <c>INCLUDE (…)</c>.</summary>
    public ImmutableArray<string> Include { get; internal set; } = [];

    /// <summary>The <c>WHERE</c> predicate of a partial index as written, or null.</summary>
    public string? Predicate { get; internal set; }

    /// <summary>True for a unique index.</summary>
    public bool IsUnique { get; }

    /// <summary>True for the index of a primary key.</summary>
    public bool IsPrimary { get; internal set; }

    /// <summary>False for an index left invalid (a failed concurrent build), or created on a partitioned table with <c>ONLY</c>.</summary>
    public bool IsValid { get; internal set; } = true;

    // Partitions whose index was attached to this one (ALTER INDEX … ATTACH PARTITION).
    internal HashSet<QualifiedName> AttachedPartitionTables { get; } = [];

    /// <summary>The constraint (primary key, unique, exclusion) the index backs, or null.</summary>
    public string? Constraint { get; internal set; }

    /// <summary>The access method, e.g. <c>btree</c>.</summary>
    public string Method { get; }

    /// <summary>True when every key is a plain column.</summary>
    public bool HasOnlyColumns => Keys.All(static k => k.Column is not null);

    /// <summary>The key column names, or null where a key is an expression.</summary>
    public IEnumerable<string?> KeyColumns => Keys.Select(static k => k.Column);
}
