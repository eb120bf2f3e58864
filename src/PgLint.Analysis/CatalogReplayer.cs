using System.Collections.Immutable;
using PgQuery;

namespace PgLint.Analysis;

/// <summary>Applies DDL statements to a <see cref="Catalog"/>, as PostgreSQL would.</summary>
internal sealed class CatalogReplayer(Catalog catalog)
{
    public void Apply(Node root, ObjectOrigin origin)
    {
        switch (root.NodeCase)
        {
            case Node.NodeOneofCase.CreateStmt:
                CreateTable(root.CreateStmt, origin);
                break;
            case Node.NodeOneofCase.CreateTableAsStmt when root.CreateTableAsStmt.Into?.Rel is { } rel:
                AddRelation(rel, origin, root.CreateTableAsStmt.Objtype == ObjectType.ObjectMatview ? RelationKind.MaterializedView : RelationKind.Table, root.CreateTableAsStmt.IfNotExists);
                break;
            case Node.NodeOneofCase.ViewStmt:
                AddRelation(root.ViewStmt.View, origin, RelationKind.View, ifNotExists: root.ViewStmt.Replace);
                break;
            case Node.NodeOneofCase.IndexStmt:
                CreateIndex(root.IndexStmt, origin);
                break;
            case Node.NodeOneofCase.DropStmt:
                Drop(root.DropStmt);
                break;
            case Node.NodeOneofCase.RenameStmt:
                Rename(root.RenameStmt);
                break;
            case Node.NodeOneofCase.CreateSchemaStmt:
                catalog.AddSchema(root.CreateSchemaStmt.Schemaname);
                break;
            case Node.NodeOneofCase.VariableSetStmt when root.VariableSetStmt.Name == "search_path":
                SetSearchPath(root.VariableSetStmt);
                break;
            case Node.NodeOneofCase.AlterTableStmt:
                AlterTable(root.AlterTableStmt);
                break;
        }
    }

    private void CreateTable(CreateStmt create, ObjectOrigin origin)
    {
        var kind = create.Partspec is not null ? RelationKind.PartitionedTable : RelationKind.Table;
        var table = AddRelation(create.Relation, origin, kind, create.IfNotExists);
        if (table is null)
        {
            return;
        }

        var primaryKey = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in create.TableElts)
        {
            if (element.Constraint is { Contype: ConstrType.ConstrPrimary } constraint)
            {
                primaryKey.UnionWith(constraint.Keys.Select(static k => k.AsString() ?? string.Empty));
            }
        }

        foreach (var element in create.TableElts)
        {
            if (element.ColumnDef is { } column)
            {
                table.ColumnList.Add(ToColumn(column, primaryKey.Contains(column.Colname)));
            }
        }
    }

    private Table? AddRelation(RangeVar relation, ObjectOrigin origin, RelationKind kind, bool ifNotExists)
    {
        var name = catalog.Qualify(relation.ToQualifiedName());
        if (relation.Relpersistence == "t" && relation.Schemaname.Length == 0)
        {
            name = name with { Schema = "pg_temp" };
        }

        if (ifNotExists && catalog.FindTable(name) is not null)
        {
            return null;
        }

        var table = new Table(name, origin, kind);
        catalog.AddTable(table);
        return table;
    }

    private void CreateIndex(IndexStmt index, ObjectOrigin origin)
    {
        var table = catalog.FindTable(index.Relation.ToQualifiedName());
        var tableName = table?.Name ?? catalog.Qualify(index.Relation.ToQualifiedName());
        var keys = index.IndexParams
            .Select(static p => p.IndexElem is { } elem ? (elem.Name.Length > 0 ? elem.Name : "expr") : "?")
            .ToImmutableArray();
        var name = index.Idxname.Length > 0
            ? index.Idxname
            : $"{tableName.Name}_{string.Join('_', keys)}_idx";
        var qualified = new QualifiedName(tableName.Schema, name);
        if (index.IfNotExists && catalog.FindIndex(qualified) is not null)
        {
            return;
        }

        catalog.AddIndex(new Index(qualified, origin, tableName, keys, index.Unique, index.AccessMethod.Length > 0 ? index.AccessMethod : "btree"));
    }

    private void Drop(DropStmt drop)
    {
        foreach (var target in drop.Objects)
        {
            var names = target.List?.Items;
            if (names is null || names.Count == 0)
            {
                continue;
            }

            var name = names.ToQualifiedName();
            switch (drop.RemoveType)
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
            }
        }
    }

    private void Rename(RenameStmt rename)
    {
        switch (rename.RenameType)
        {
            case ObjectType.ObjectTable or ObjectType.ObjectView or ObjectType.ObjectMatview when rename.Relation is { } relation:
                if (catalog.FindTable(relation.ToQualifiedName()) is { } table)
                {
                    catalog.RenameTable(table, rename.Newname);
                }

                break;
            case ObjectType.ObjectIndex when rename.Relation is { } relation:
                if (catalog.FindIndex(relation.ToQualifiedName()) is { } index)
                {
                    catalog.RenameIndex(index, rename.Newname);
                }

                break;
            case ObjectType.ObjectColumn when rename.Relation is { } relation:
                if (catalog.FindTable(relation.ToQualifiedName()) is { } owner
                    && owner.ColumnList.FindIndex(c => c.Name == rename.Subname) is var i and >= 0)
                {
                    owner.ColumnList[i] = owner.ColumnList[i] with { Name = rename.Newname };
                }

                break;
        }
    }

    private void AlterTable(AlterTableStmt alter)
    {
        if (alter.Relation is null || catalog.FindTable(alter.Relation.ToQualifiedName()) is not { } table)
        {
            return;
        }

        foreach (var command in alter.Cmds.Select(static c => c.AlterTableCmd).OfType<AlterTableCmd>())
        {
            switch (command.Subtype)
            {
                case AlterTableType.AtAddColumn when command.Def?.ColumnDef is { } column:
                    if (table.FindColumn(column.Colname) is null)
                    {
                        table.ColumnList.Add(ToColumn(column, inPrimaryKey: false));
                    }

                    break;
                case AlterTableType.AtDropColumn:
                    table.ColumnList.RemoveAll(c => c.Name == command.Name);
                    break;
            }
        }
    }

    private void SetSearchPath(VariableSetStmt set)
    {
        if (set.Kind is VariableSetKind.VarReset or VariableSetKind.VarSetDefault)
        {
            catalog.SearchPath = ["public"];
            return;
        }

        if (set.Kind != VariableSetKind.VarSetValue)
        {
            return;
        }

        var schemas = set.Args
            .Select(static a => a.ConstantText() ?? a.AsString())
            .OfType<string>()
            .SelectMany(static s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(static s => s.Trim('"'))
            .Where(static s => s.Length > 0 && s != "$user")
            .ToImmutableArray();
        catalog.SearchPath = schemas.IsEmpty ? ["public"] : schemas;
    }

    private static Column ToColumn(ColumnDef column, bool inPrimaryKey)
    {
        var notNull = inPrimaryKey || column.IsNotNull || column.Constraints.Any(static c =>
            c.Constraint?.Contype is ConstrType.ConstrNotnull or ConstrType.ConstrPrimary);
        return new Column(column.Colname, column.TypeName is null ? "?" : TypeNames.Format(column.TypeName), notNull);
    }
}

/// <summary>Formats a <see cref="TypeName"/> the way a schema reads it (<c>varchar(20)</c>, <c>int4[]</c>).</summary>
public static class TypeNames
{
    /// <summary>The type's name without <c>pg_catalog.</c>, with modifiers and array bounds.</summary>
    public static string Format(TypeName type)
    {
        var names = type.Names.Select(static n => n.AsString()).OfType<string>().ToList();
        if (names.Count > 1 && names[0] == "pg_catalog")
        {
            names.RemoveAt(0);
        }

        var text = string.Join('.', names);
        if (type.Typmods.Count > 0)
        {
            text += "(" + string.Join(',', type.Typmods.Select(static m => m.ConstantText() ?? "?")) + ")";
        }

        return text + string.Concat(Enumerable.Repeat("[]", type.ArrayBounds.Count));
    }
}
