using System.Text;

namespace PgLint.Analysis;

/// <summary>The changes replay (and loaders) make; rules only read.</summary>
public sealed partial class Catalog
{
    /// <summary>PostgreSQL's NAMEDATALEN - 1: identifiers are truncated to 63 bytes.</summary>
    internal const int MaxIdentifierBytes = 63;

    internal QualifiedName Qualify(QualifiedName name) =>
        name.Schema is not null ? name : name with { Schema = SearchPath.FirstOrDefault(s => s != "$user") ?? "public" };

    internal void AddSchema(string name) => _schemas.Add(name);

    internal void AddTable(Table table) => _tables[table.Name] = table;

    internal void AddIndex(Index index) => _indexes[index.Name] = index;

    internal void AddSequence(Sequence sequence) => _sequences[sequence.Name] = sequence;

    internal void AddType(CatalogType type) => _types[type.Name] = type;

    internal void AddFunction(Function function)
    {
        _functions.RemoveAll(f => f.Name == function.Name && f.ArgumentTypes.SequenceEqual(function.ArgumentTypes));
        _functions.Add(function);
    }

    internal void AddPolicy(Policy policy) => _policies.Add(policy);

    internal void AddExtension(Extension extension) => _extensions[extension.Name] = extension;

    internal void AddRole(string role) => _roles.Add(role);

    internal void AddGrant(Grant grant)
    {
        if (!_grants.Contains(grant))
        {
            _grants.Add(grant);
        }
    }

    internal void RemoveGrants(Predicate<Grant> match) => _grants.RemoveAll(match);

    internal void RemoveExtension(string name) => _extensions.Remove(name);

    internal void RemoveRole(string name) => _roles.Remove(name);

    internal void RemovePolicy(Policy policy) => _policies.Remove(policy);

    internal void RemoveSequence(Sequence sequence) => _sequences.Remove(sequence.Name);

    internal void RemoveType(CatalogType type) => _types.Remove(type.Name);

    internal void RemoveFunctions(Predicate<Function> match) => _functions.RemoveAll(match);

    /// <summary>Drops a table with what depends on it: its indexes, policies, owned sequences, partitions and the foreign keys that reference it.</summary>
    internal void RemoveTable(Table table)
    {
        _tables.Remove(table.Name);
        foreach (var index in IndexesOn(table).ToList())
        {
            _indexes.Remove(index.Name);
        }

        _policies.RemoveAll(p => p.Table == table.Name);
        foreach (var sequence in _sequences.Values.Where(s => s.OwnedBy?.Table == table.Name).ToList())
        {
            _sequences.Remove(sequence.Name);
        }

        foreach (var other in _tables.Values)
        {
            other.ConstraintList.RemoveAll(c => c.ReferencedTable == table.Name);
        }

        foreach (var partition in PartitionsOf(table).ToList())
        {
            RemoveTable(partition);
        }
    }

    internal void RemoveIndex(Index index) => _indexes.Remove(index.Name);

    internal void RenameTable(Table table, string newName) => Relocate(table, table.Name with { Name = newName });

    /// <summary><c>SET SCHEMA</c> moves the table's indexes along with it.</summary>
    internal void MoveTable(Table table, string schema)
    {
        foreach (var index in IndexesOn(table).ToList())
        {
            _indexes.Remove(index.Name);
            index.Name = index.Name with { Schema = schema };
            _indexes[index.Name] = index;
        }

        Relocate(table, table.Name with { Schema = schema });
    }

    internal void RenameIndex(Index index, string newName)
    {
        _indexes.Remove(index.Name);
        index.Name = index.Name with { Name = newName };
        _indexes[index.Name] = index;
    }

    /// <summary>Renames a type or domain; columns keep the type name they were declared with.</summary>
    internal void RenameType(CatalogType type, string newName)
    {
        _types.Remove(type.Name);
        type.Name = type.Name with { Name = newName };
        _types[type.Name] = type;
    }

    internal void RenameSequence(Sequence sequence, string newName)
    {
        _sequences.Remove(sequence.Name);
        sequence.Name = sequence.Name with { Name = newName };
        _sequences[sequence.Name] = sequence;
    }

    /// <summary>Gives a table a new name and points everything that refers to it there.</summary>
    private void Relocate(Table table, QualifiedName name)
    {
        var old = table.Name;
        _tables.Remove(old);
        table.Name = name;
        _tables[name] = table;
        foreach (var index in _indexes.Values.Where(i => i.Table == old))
        {
            index.Table = name;
        }

        foreach (var policy in _policies.Where(p => p.Table == old))
        {
            policy.Table = name;
        }

        foreach (var other in _tables.Values)
        {
            if (other.PartitionOf == old)
            {
                other.PartitionOf = name;
            }

            foreach (var foreignKey in other.ConstraintList.Where(c => c.ReferencedTable == old))
            {
                foreignKey.ReferencedTable = name;
            }
        }
    }

    /// <summary>
    /// A relation name as PostgreSQL's <c>ChooseRelationName</c> picks it: <c>name1_name2_label</c>
    /// truncated to 63 bytes, then <c>label1</c>, <c>label2</c> … until no relation (and, for an
    /// index backing a constraint, no constraint) of the schema has it.
    /// </summary>
    internal string ChooseRelationName(string schema, string name1, string? name2, string label, bool isConstraint) =>
        ChooseName(name1, name2, label, candidate =>
            RelationExists(new QualifiedName(schema, candidate)) || (isConstraint && ConstraintExists(schema, candidate)));

    /// <summary>A constraint name as PostgreSQL's <c>ChooseConstraintName</c> picks it (unique among the schema's constraints).</summary>
    internal string ChooseConstraintName(string schema, string name1, string? name2, string label) =>
        ChooseName(name1, name2, label, candidate => ConstraintExists(schema, candidate));

    internal bool RelationExists(QualifiedName name) =>
        _tables.ContainsKey(name) || _indexes.ContainsKey(name) || _sequences.ContainsKey(name);

    /// <summary>PostgreSQL's <c>makeObjectName</c>: shortens the longer of the two names until the whole fits in 63 bytes.</summary>
    internal static string MakeObjectName(string name1, string? name2, string? label)
    {
        var overhead = (label is null ? 0 : Encoding.UTF8.GetByteCount(label) + 1) + (name2 is null ? 0 : 1);
        var available = MaxIdentifierBytes - overhead;
        var first = name1;
        var second = name2 ?? string.Empty;
        while (Encoding.UTF8.GetByteCount(first) + Encoding.UTF8.GetByteCount(second) > available)
        {
            if (Encoding.UTF8.GetByteCount(first) > Encoding.UTF8.GetByteCount(second))
            {
                first = first[..^1];
            }
            else
            {
                second = second[..^1];
            }
        }

        return first + (name2 is null ? string.Empty : "_" + second) + (label is null ? string.Empty : "_" + label);
    }

    private bool ConstraintExists(string schema, string name) =>
        _tables.Values.Any(t => t.Name.Schema == schema && t.ConstraintList.Exists(c => c.Name == name));

    private static string ChooseName(string name1, string? name2, string label, Func<string, bool> taken)
    {
        var candidate = MakeObjectName(name1, name2, label);
        for (var pass = 1; taken(candidate); pass++)
        {
            candidate = MakeObjectName(name1, name2, label + pass);
        }

        return candidate;
    }
}
