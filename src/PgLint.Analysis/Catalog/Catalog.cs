using System.Collections.Immutable;

namespace PgLint.Analysis;

/// <summary>
/// The schema as it stands before the current statement: built by replaying the migration set (and
/// any <c>--schema</c> dump), or loaded from a live database. An object the catalog does not know is
/// unknown, never guessed: lookups return null and rules that need the object stay silent.
/// </summary>
public sealed partial class Catalog
{
    private readonly Dictionary<QualifiedName, Table> _tables = [];
    private readonly Dictionary<QualifiedName, Index> _indexes = [];
    private readonly Dictionary<QualifiedName, Sequence> _sequences = [];
    private readonly Dictionary<QualifiedName, CatalogType> _types = [];
    private readonly List<Function> _functions = [];
    private readonly List<Policy> _policies = [];
    private readonly Dictionary<string, Extension> _extensions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _roles = new(StringComparer.Ordinal);
    private readonly List<Grant> _grants = [];
    private readonly HashSet<string> _schemas = ["public", "pg_catalog"];

    /// <summary>The schemas searched for unqualified names, in order.</summary>
    public ImmutableArray<string> SearchPath { get; internal set; } = ["public"];

    /// <summary>Known schema names.</summary>
    public IReadOnlySet<string> Schemas => _schemas;

    /// <summary>Every known table, partition, view, materialized view and foreign table.</summary>
    public IEnumerable<Table> Tables => _tables.Values;

    /// <summary>Every known index.</summary>
    public IEnumerable<Index> Indexes => _indexes.Values;

    /// <summary>Every known sequence.</summary>
    public IEnumerable<Sequence> Sequences => _sequences.Values;

    /// <summary>Every known enum, domain and composite type.</summary>
    public IEnumerable<CatalogType> Types => _types.Values;

    /// <summary>Every known function and procedure.</summary>
    public IEnumerable<Function> Functions => _functions;

    /// <summary>Every known row-level security policy.</summary>
    public IEnumerable<Policy> Policies => _policies;

    /// <summary>Installed extensions.</summary>
    public IEnumerable<Extension> Extensions => _extensions.Values;

    /// <summary>Roles created by the set.</summary>
    public IReadOnlySet<string> Roles => _roles;

    /// <summary>Privileges granted (and not revoked) by the set.</summary>
    public IReadOnlyList<Grant> Grants => _grants;

    /// <summary>The table a possibly unqualified name refers to, following <see cref="SearchPath"/>; null when unknown.</summary>
    public Table? FindTable(QualifiedName name) => Resolve(_tables, name);

    /// <summary>The index a possibly unqualified name refers to; null when unknown.</summary>
    public Index? FindIndex(QualifiedName name) => Resolve(_indexes, name);

    /// <summary>The sequence a possibly unqualified name refers to; null when unknown.</summary>
    public Sequence? FindSequence(QualifiedName name) => Resolve(_sequences, name);

    /// <summary>The enum, domain or composite type a possibly unqualified name refers to; null when unknown.</summary>
    public CatalogType? FindType(QualifiedName name) => Resolve(_types, name);

    /// <summary>The functions and procedures of that name (every overload), following <see cref="SearchPath"/>.</summary>
    public IEnumerable<Function> FindFunctions(QualifiedName name)
    {
        var schemas = name.Schema is not null ? [name.Schema] : SearchPath.Add("pg_catalog");
        var schema = schemas.FirstOrDefault(s => _functions.Exists(f => f.Name == name with { Schema = s }));
        return schema is null ? [] : _functions.Where(f => f.Name == name with { Schema = schema });
    }

    /// <summary>The extension of that name, or null when not installed by the set.</summary>
    public Extension? FindExtension(string name) => _extensions.GetValueOrDefault(name);

    /// <summary>The indexes on a table.</summary>
    public IEnumerable<Index> IndexesOn(Table table) => _indexes.Values.Where(i => i.Table == table.Name);

    /// <summary>
    /// The valid, non-partial indexes on a table whose leading key columns are exactly
    /// <paramref name="columns"/> in any order (what PostgreSQL can use to find the rows matching
    /// all of them, e.g. for a foreign key check).
    /// </summary>
    public IEnumerable<Index> FindIndexesWithLeadingColumns(Table table, IReadOnlyCollection<string> columns) =>
        IndexesOn(table).Where(i => i.IsValid && i.Predicate is null && i.Keys.Length >= columns.Count
            && i.Keys.Take(columns.Count).All(k => k.Column is not null && columns.Contains(k.Column)));

    /// <summary>True when the column is NOT NULL or proven non-null by a validated <c>CHECK (column IS NOT NULL)</c>.</summary>
    public static bool IsNotNull(Table table, string column) =>
        table.FindColumn(column) is { NotNull: true }
        || table.Constraints.Any(c => c is { Type: ConstraintType.Check, IsValidated: true } && c.NotNullColumn == column);

    /// <summary>The foreign keys declared on a table.</summary>
    public static IEnumerable<TableConstraint> ForeignKeysOf(Table table) => table.Constraints.Where(static c => c.Type == ConstraintType.ForeignKey);

    /// <summary>The foreign keys of every table that reference <paramref name="table"/>.</summary>
    public IEnumerable<(Table Table, TableConstraint ForeignKey)> ForeignKeysReferencing(Table table) =>
        _tables.Values.SelectMany(t => ForeignKeysOf(t).Where(c => c.ReferencedTable == table.Name).Select(c => (t, c)));

    /// <summary>
    /// The name PostgreSQL gives <paramref name="definition"/> when it is added to <paramref name="table"/>
    /// without <c>CONSTRAINT name</c>, as of this catalog: <c>table_column_check</c>, <c>table_columns_fkey</c>,
    /// <c>table_columns_key</c>, <c>table_pkey</c>, <c>table_columns_excl</c>, shortened to 63 bytes and
    /// numbered (<c>…_check1</c>) while the schema already has a constraint of that name. Only the constraints
    /// and relations this catalog knows are considered. Null for kinds that get no constraint name here
    /// (<c>NOT NULL</c>, <c>DEFAULT</c>, …).
    /// </summary>
    /// <param name="table">The table, as written or as the catalog names it.</param>
    /// <param name="definition">The constraint as parsed (a table constraint, or a column constraint with <paramref name="column"/>).</param>
    /// <param name="column">The column a column constraint is declared on; null for a table constraint.</param>
    public string? ImplicitConstraintName(QualifiedName table, PgQuery.Constraint definition, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(definition);
        ConstraintType? kind = definition.Contype switch
        {
            PgQuery.ConstrType.ConstrPrimary => ConstraintType.PrimaryKey,
            PgQuery.ConstrType.ConstrUnique => ConstraintType.Unique,
            PgQuery.ConstrType.ConstrForeign => ConstraintType.ForeignKey,
            PgQuery.ConstrType.ConstrCheck => ConstraintType.Check,
            PgQuery.ConstrType.ConstrExclusion => ConstraintType.Exclusion,
            _ => null,
        };
        if (kind is not { } type)
        {
            return null;
        }

        var name = FindTable(table)?.Name ?? Qualify(table);
        return CatalogReplayer.ImplicitName(this, name, type, CatalogReplayer.ConstraintColumns(definition, type, column));
    }

    /// <summary>The policies on a table.</summary>
    public IEnumerable<Policy> PoliciesOn(Table table) => _policies.Where(p => p.Table == table.Name);

    /// <summary>The partitions of a partitioned table.</summary>
    public IEnumerable<Table> PartitionsOf(Table table) => _tables.Values.Where(t => t.PartitionOf == table.Name);

    private T? Resolve<T>(Dictionary<QualifiedName, T> map, QualifiedName name)
        where T : class
    {
        if (name.Schema is not null)
        {
            return map.GetValueOrDefault(name);
        }

        foreach (var schema in SearchPath.Prepend("pg_temp"))
        {
            if (map.TryGetValue(name with { Schema = schema }, out var found))
            {
                return found;
            }
        }

        return null;
    }
}
