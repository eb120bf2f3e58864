using System.Collections.Immutable;

namespace PgLint.Analysis;

/// <summary>The kind of a table constraint (<c>pg_constraint.contype</c>).</summary>
public enum ConstraintType
{
    /// <summary><c>PRIMARY KEY</c>.</summary>
    PrimaryKey,

    /// <summary><c>UNIQUE</c>.</summary>
    Unique,

    /// <summary><c>FOREIGN KEY</c> / <c>REFERENCES</c>.</summary>
    ForeignKey,

    /// <summary><c>CHECK</c>.</summary>
    Check,

    /// <summary><c>EXCLUDE</c>.</summary>
    Exclusion,
}

/// <summary>What a foreign key does when the referenced row is deleted or updated.</summary>
public enum ForeignKeyAction
{
    /// <summary><c>NO ACTION</c> (the default).</summary>
    NoAction,

    /// <summary><c>RESTRICT</c>.</summary>
    Restrict,

    /// <summary><c>CASCADE</c>.</summary>
    Cascade,

    /// <summary><c>SET NULL</c>.</summary>
    SetNull,

    /// <summary><c>SET DEFAULT</c>.</summary>
    SetDefault,
}

/// <summary>A table constraint. NOT NULL is a property of <see cref="Column"/>, as in PostgreSQL 15.</summary>
public sealed class TableConstraint
{
    internal TableConstraint(string name, ConstraintType type, ImmutableArray<string> columns, ObjectOrigin origin)
    {
        Origin = origin;
        Name = name;
        Type = type;
        Columns = columns;
    }

    /// <summary>The constraint name (as PostgreSQL generates it when none was given).</summary>
    public string Name { get; internal set; }

    /// <summary>Where it was added (<c>CREATE TABLE</c> or <c>ALTER TABLE … ADD</c>).</summary>
    public ObjectOrigin Origin { get; }

    /// <summary>Its kind.</summary>
    public ConstraintType Type { get; }

    /// <summary>The constrained columns (for a CHECK, the columns it mentions).</summary>
    public ImmutableArray<string> Columns { get; internal set; }

    /// <summary>The referenced table of a foreign key, qualified as it resolved; null otherwise.</summary>
    public QualifiedName? ReferencedTable { get; internal set; }

    /// <summary>The referenced columns of a foreign key (empty when they default to the primary key and it is unknown).</summary>
    public ImmutableArray<string> ReferencedColumns { get; internal set; } = [];

    /// <summary>The foreign key's <c>ON DELETE</c> action.</summary>
    public ForeignKeyAction OnDelete { get; internal set; }

    /// <summary>The foreign key's <c>ON UPDATE</c> action.</summary>
    public ForeignKeyAction OnUpdate { get; internal set; }

    /// <summary>The CHECK expression as written, or null.</summary>
    public string? Expression { get; internal set; }

    /// <summary>False for <c>NOT VALID</c> until <c>VALIDATE CONSTRAINT</c>.</summary>
    public bool IsValidated { get; internal set; } = true;

    /// <summary>The column a CHECK of the form <c>column IS NOT NULL</c> proves non-null, or null.</summary>
    public string? NotNullColumn { get; internal set; }

    /// <summary>The index backing a primary key, unique or exclusion constraint, or null.</summary>
    public string? IndexName { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{QualifiedName.Quote(Name)} {Type}";
}
