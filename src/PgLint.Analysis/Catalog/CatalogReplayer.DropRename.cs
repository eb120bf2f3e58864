using PgQuery;

namespace PgLint.Analysis;

/// <summary>DROP and ALTER … RENAME of every object kind the catalog models.</summary>
internal sealed partial class CatalogReplayer
{
    private void Drop(DropStmt drop)
    {
        foreach (var target in drop.Objects)
        {
            switch (drop.RemoveType)
            {
                case ObjectType.ObjectFunction or ObjectType.ObjectProcedure or ObjectType.ObjectRoutine when target.ObjectWithArgs is { } routine:
                    var routineName = catalog.FindFunctions(routine.Objname.ToQualifiedName()).FirstOrDefault()?.Name;
                    var arguments = routine.ArgsUnspecified ? null : routine.Objargs.Select(static a => a.TypeName is { } t ? TypeNames.Format(t) : "?").ToList();
                    catalog.RemoveFunctions(f => f.Name == routineName && (arguments is null || f.ArgumentTypes.SequenceEqual(arguments)));
                    break;
                case ObjectType.ObjectType or ObjectType.ObjectDomain when target.TypeName is { } type:
                    if (catalog.FindType(type.Names.ToQualifiedName()) is { } dropped)
                    {
                        catalog.RemoveType(dropped);
                    }

                    break;
                case ObjectType.ObjectExtension when target.AsString() is { } extension:
                    catalog.RemoveExtension(extension);
                    break;
                case ObjectType.ObjectPolicy when target.List?.Items is { Count: >= 2 } items:
                    var table = catalog.FindTable(items.Take(items.Count - 1).ToQualifiedName());
                    if (table is not null && catalog.PoliciesOn(table).FirstOrDefault(p => p.Name == items[^1].AsString()) is { } policy)
                    {
                        catalog.RemovePolicy(policy);
                    }

                    break;
                case ObjectType.ObjectSchema when target.AsString() is { } schema:
                    foreach (var relation in catalog.Tables.Where(t => t.Name.Schema == schema).ToList())
                    {
                        catalog.RemoveTable(relation);
                    }

                    break;
                default:
                    if (target.List?.Items is { Count: > 0 } names)
                    {
                        DropRelation(drop.RemoveType, names.ToQualifiedName());
                    }

                    break;
            }
        }
    }

    private void DropRelation(ObjectType type, QualifiedName name)
    {
        switch (type)
        {
            case ObjectType.ObjectTable or ObjectType.ObjectView or ObjectType.ObjectMatview or ObjectType.ObjectForeignTable:
                if (catalog.FindTable(name) is { } table)
                {
                    catalog.RemoveTable(table);
                }

                break;
            case ObjectType.ObjectIndex:
                if (catalog.FindIndex(name) is { } index)
                {
                    catalog.RemoveIndex(index);
                }

                break;
            case ObjectType.ObjectSequence:
                if (catalog.FindSequence(name) is { } sequence)
                {
                    catalog.RemoveSequence(sequence);
                }

                break;
        }
    }

    private void Rename(RenameStmt rename)
    {
        var relation = rename.Relation is null ? null : rename.Relation.ToQualifiedName();
        switch (rename.RenameType)
        {
            case ObjectType.ObjectTable or ObjectType.ObjectView or ObjectType.ObjectMatview or ObjectType.ObjectForeignTable when relation is not null:
                if (catalog.FindTable(relation) is { } table)
                {
                    catalog.RenameTable(table, rename.Newname);
                }

                break;
            case ObjectType.ObjectIndex when relation is not null:
                if (catalog.FindIndex(relation) is { } index)
                {
                    RenameIndex(index, rename.Newname);
                }

                break;
            case ObjectType.ObjectSequence when relation is not null:
                if (catalog.FindSequence(relation) is { } sequence)
                {
                    catalog.RenameSequence(sequence, rename.Newname);
                }

                break;
            case ObjectType.ObjectColumn when relation is not null:
                if (catalog.FindTable(relation) is { } owner && owner.FindColumn(rename.Subname) is { } column)
                {
                    RenameColumn(owner, column, rename.Newname);
                }

                break;
            case ObjectType.ObjectTabconstraint when relation is not null:
                if (catalog.FindTable(relation)?.FindConstraint(rename.Subname) is { } constraint)
                {
                    if (constraint.IndexName is { } indexName && catalog.FindIndex(new QualifiedName(relation.Schema ?? catalog.FindTable(relation)!.Name.Schema, indexName)) is { } backing)
                    {
                        RenameIndex(backing, rename.Newname);
                    }

                    constraint.Name = rename.Newname;
                }

                break;
            case ObjectType.ObjectType or ObjectType.ObjectDomain when rename.Object?.List?.Items is { Count: > 0 } names:
                if (catalog.FindType(names.ToQualifiedName()) is { } type)
                {
                    catalog.RenameType(type, rename.Newname);
                }

                break;
            case ObjectType.ObjectPolicy when relation is not null:
                if (catalog.FindTable(relation) is { } policyTable && catalog.PoliciesOn(policyTable).FirstOrDefault(p => p.Name == rename.Subname) is { } policy)
                {
                    policy.Name = rename.Newname;
                }

                break;
        }
    }

    /// <summary><c>ALTER TABLE … SET SCHEMA</c> moves the table with its indexes, as PostgreSQL does.</summary>
    private void SetSchema(AlterObjectSchemaStmt alter)
    {
        if (alter.ObjectType is not (ObjectType.ObjectTable or ObjectType.ObjectView or ObjectType.ObjectMatview)
            || alter.Relation is null
            || catalog.FindTable(alter.Relation.ToQualifiedName()) is not { } table)
        {
            return;
        }

        catalog.MoveTable(table, alter.Newschema);
    }

    /// <summary>Renaming an index that backs a constraint renames the constraint too.</summary>
    private void RenameIndex(Index index, string newName)
    {
        if (index.Constraint is { } constraintName && catalog.FindTable(index.Table)?.FindConstraint(constraintName) is { } constraint)
        {
            constraint.Name = newName;
            constraint.IndexName = newName;
            index.Constraint = newName;
        }

        catalog.RenameIndex(index, newName);
    }

    private void RenameColumn(Table table, Column column, string newName)
    {
        var old = column.Name;
        column.Name = newName;
        foreach (var index in catalog.IndexesOn(table))
        {
            index.Keys = [.. index.Keys.Select(k => k.Column == old ? k with { Column = newName } : k)];
            index.Include = [.. index.Include.Select(c => c == old ? newName : c)];
        }

        foreach (var constraint in table.ConstraintList)
        {
            constraint.Columns = [.. constraint.Columns.Select(c => c == old ? newName : c)];
        }

        foreach (var (_, foreignKey) in catalog.ForeignKeysReferencing(table))
        {
            foreignKey.ReferencedColumns = [.. foreignKey.ReferencedColumns.Select(c => c == old ? newName : c)];
        }
    }
}
