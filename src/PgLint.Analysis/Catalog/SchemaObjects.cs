using System.Collections.Immutable;

namespace PgLint.Analysis;

/// <summary>A function or procedure (<c>pg_proc</c>).</summary>
public sealed class Function : CatalogObject
{
    internal Function(QualifiedName name, ObjectOrigin origin, ImmutableArray<string> argumentTypes, bool isProcedure)
        : base(name, origin)
    {
        ArgumentTypes = argumentTypes;
        IsProcedure = isProcedure;
    }

    /// <summary>The input argument types, normalised as <see cref="Column.TypeName"/>.</summary>
    public ImmutableArray<string> ArgumentTypes { get; }

    /// <summary>True for <c>CREATE PROCEDURE</c>.</summary>
    public bool IsProcedure { get; }

    /// <summary>The language, e.g. <c>plpgsql</c>, <c>sql</c>.</summary>
    public string Language { get; internal set; } = "sql";

    /// <summary>The declared volatility (<c>VOLATILE</c> when not declared).</summary>
    public Volatility Volatility { get; internal set; } = Volatility.Volatile;

    /// <summary>True for <c>SECURITY DEFINER</c>.</summary>
    public bool SecurityDefiner { get; internal set; }

    /// <summary>The <c>SET name = value</c> clauses, e.g. <c>search_path</c>.</summary>
    public IReadOnlyDictionary<string, string> Configuration { get; internal set; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The signature, e.g. <c>public.f(integer, text)</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", ArgumentTypes)})";
}

/// <summary>A sequence, standalone or owned by a serial or identity column.</summary>
public sealed class Sequence : CatalogObject
{
    internal Sequence(QualifiedName name, ObjectOrigin origin)
        : base(name, origin)
    {
    }

    /// <summary>The column that owns it (<c>OWNED BY</c>, serial, identity), or null.</summary>
    public (QualifiedName Table, string Column)? OwnedBy { get; internal set; }
}

/// <summary>What a user-defined type is.</summary>
public enum TypeKind
{
    /// <summary><c>CREATE TYPE … AS ENUM</c>.</summary>
    Enum,

    /// <summary><c>CREATE DOMAIN</c>.</summary>
    Domain,

    /// <summary><c>CREATE TYPE … AS (…)</c>.</summary>
    Composite,

    /// <summary><c>CREATE TYPE … AS RANGE</c> or a base type.</summary>
    Other,
}

/// <summary>An enum, domain or composite type.</summary>
public sealed class CatalogType : CatalogObject
{
    internal CatalogType(QualifiedName name, ObjectOrigin origin, TypeKind kind)
        : base(name, origin)
    {
        Kind = kind;
    }

    /// <summary>What it is.</summary>
    public TypeKind Kind { get; }

    /// <summary>An enum's labels in order.</summary>
    public ImmutableArray<string> EnumLabels { get; internal set; } = [];

    /// <summary>A domain's underlying type.</summary>
    public string? BaseType { get; internal set; }

    /// <summary>True for a domain declared NOT NULL.</summary>
    public bool NotNull { get; internal set; }
}

/// <summary>An installed extension.</summary>
/// <param name="Name">The extension name.</param>
/// <param name="Schema">The schema it was installed into, when given.</param>
public sealed record Extension(string Name, string? Schema);

/// <summary>A row-level security policy (<c>pg_policy</c>).</summary>
public sealed class Policy
{
    internal Policy(string name, QualifiedName table, ObjectOrigin origin)
    {
        Origin = origin;
        Name = name;
        Table = table;
    }

    /// <summary>Where it was created.</summary>
    public ObjectOrigin Origin { get; }

    /// <summary>The policy name, unique per table.</summary>
    public string Name { get; internal set; }

    /// <summary>The table it applies to.</summary>
    public QualifiedName Table { get; internal set; }

    /// <summary>The command, <c>all</c>, <c>select</c>, <c>insert</c>, <c>update</c> or <c>delete</c>.</summary>
    public string Command { get; internal set; } = "all";

    /// <summary>False for <c>AS RESTRICTIVE</c>.</summary>
    public bool IsPermissive { get; internal set; } = true;

    /// <summary>The roles (<c>public</c> when none were named).</summary>
    public ImmutableArray<string> Roles { get; internal set; } = ["public"];

    /// <summary>The <c>USING</c> expression as written, or null.</summary>
    public string? Using { get; internal set; }

    /// <summary>The <c>WITH CHECK</c> expression as written, or null.</summary>
    public string? WithCheck { get; internal set; }
}

/// <summary>A privilege granted by <c>GRANT</c> (revoked ones are removed).</summary>
/// <param name="ObjectType">What kind of object, e.g. <c>table</c>, <c>schema</c>, <c>function</c>.</param>
/// <param name="Object">The object's name as written.</param>
/// <param name="Privilege">The privilege in lower case, <c>all</c> for ALL PRIVILEGES.</param>
/// <param name="Grantee">The role, <c>public</c> for PUBLIC.</param>
public sealed record Grant(string ObjectType, string Object, string Privilege, string Grantee);
