namespace PgLint.Analysis;

/// <summary>Where and when a catalog object was created.</summary>
/// <param name="SetId">The migration set.</param>
/// <param name="DocumentIndex">The file's index in the set (-1 for a schema dump).</param>
/// <param name="StatementOrdinal">The statement's ordinal in the file.</param>
/// <param name="TransactionId">The transaction within the file.</param>
/// <param name="FromSchema">True when it came from <c>--schema</c> or a live database.</param>
/// <param name="Location">The statement that created it, when it came from SQL text.</param>
/// <param name="Logical">The object as a live database names it, when it was loaded from one.</param>
public sealed record ObjectOrigin(int SetId, int DocumentIndex, int StatementOrdinal, int TransactionId, bool FromSchema, Location? Location = null, LogicalLocation? Logical = null)
{
    /// <summary>The origin of objects loaded from a live database, when no name is attached.</summary>
    public static ObjectOrigin Database { get; } = new(0, -1, 0, 0, FromSchema: true);

    /// <summary>The origin of an object loaded from a live database: findings about it are reported at <paramref name="logical"/>.</summary>
    public static ObjectOrigin FromDatabase(LogicalLocation logical) => Database with { Logical = logical };

    /// <summary>True when the object was loaded from a live database.</summary>
    public bool FromLiveDatabase => Logical is not null;
}

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

    /// <summary>The text of <c>COMMENT ON</c>, when one was given.</summary>
    public string? Comment { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => Name.ToString();
}

/// <summary>How a function's result depends on its inputs, as PostgreSQL's <c>provolatile</c>.</summary>
public enum Volatility
{
    /// <summary>Not known (an expression calling a function the catalog does not know).</summary>
    Unknown,

    /// <summary>Same result for the same inputs, forever.</summary>
    Immutable,

    /// <summary>Same result within a statement.</summary>
    Stable,

    /// <summary>Can change at every call (<c>now()</c> is stable; <c>random()</c>, <c>nextval()</c> are volatile).</summary>
    Volatile,
}
