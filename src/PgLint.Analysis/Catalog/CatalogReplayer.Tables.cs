using PgQuery;

namespace PgLint.Analysis;

/// <summary>CREATE TABLE (columns, inline constraints, LIKE, partitions), CREATE TABLE AS and views.</summary>
internal sealed partial class CatalogReplayer
{
    // CREATE_TABLE_LIKE_* bits of TableLikeClause.options.
    private const uint LikeConstraints = 1 << 2;
    private const uint LikeDefaults = 1 << 3;

    private void CreateTable(CreateStmt create)
    {
        var kind = create.Partspec is not null ? RelationKind.PartitionedTable : RelationKind.Table;
        var table = AddRelation(create.Relation, kind, create.IfNotExists);
        if (table is null)
        {
            return;
        }

        table.IsUnlogged = create.Relation.Relpersistence == "u";
        if (create.Partspec is { } partitioning)
        {
            table.PartitionStrategy = partitioning.Strategy.ToLowerInvariant();
            table.PartitionKey = [.. partitioning.PartParams.Select(static p => p.PartitionElem is { Name.Length: > 0 } element ? element.Name : null)];
        }

        var parents = create.InhRelations.Select(static n => n.RangeVar).OfType<RangeVar>().Select(Resolve).ToList();
        if (create.Partbound is not null && parents.Count == 1)
        {
            table.PartitionOf = parents[0];
        }
        else
        {
            table.Inherits = [.. parents];
        }

        foreach (var parent in parents.Select(catalog.FindTable))
        {
            if (parent is null || parent.ColumnsUnknown)
            {
                table.ColumnsUnknown = true;
                continue;
            }

            foreach (var column in parent.Columns.Where(c => table.FindColumn(c.Name) is null))
            {
                table.ColumnList.Add(CopyColumn(column, withDefault: true));
            }
        }

        foreach (var element in create.TableElts)
        {
            if (element.ColumnDef is { } column)
            {
                AddColumn(table, column);
            }
            else if (element.TableLikeClause is { } like)
            {
                CopyLike(table, like);
            }
        }

        foreach (var constraint in create.TableElts.Select(static e => e.Constraint).OfType<PgQuery.Constraint>())
        {
            AddConstraint(table, constraint, column: null);
        }

        foreach (var element in create.TableElts.Select(static e => e.ColumnDef).OfType<ColumnDef>())
        {
            foreach (var constraint in element.Constraints.Select(static c => c.Constraint).OfType<PgQuery.Constraint>())
            {
                AddConstraint(table, constraint, element.Colname);
            }
        }
    }

    private Table? AddRelation(RangeVar relation, RelationKind kind, bool ifNotExists)
    {
        var name = catalog.Qualify(relation.ToQualifiedName());
        if (relation.Relpersistence == "t" && relation.Schemaname.Length == 0)
        {
            name = name with { Schema = "pg_temp" };
        }

        if (ifNotExists && catalog.RelationExists(name))
        {
            return null;
        }

        var table = new Table(name, _origin, kind);
        catalog.AddTable(table);
        return table;
    }

    private void CopyLike(Table table, TableLikeClause like)
    {
        if (catalog.FindTable(like.Relation.ToQualifiedName()) is not { ColumnsUnknown: false } source)
        {
            table.ColumnsUnknown = true;
            return;
        }

        foreach (var column in source.Columns)
        {
            table.ColumnList.Add(CopyColumn(column, (like.Options & LikeDefaults) != 0));
        }

        if ((like.Options & LikeConstraints) != 0)
        {
            foreach (var check in source.Constraints.Where(static c => c.Type == ConstraintType.Check))
            {
                table.ConstraintList.Add(new TableConstraint(check.Name, ConstraintType.Check, check.Columns, _origin) { Expression = check.Expression, NotNullColumn = check.NotNullColumn });
            }
        }
    }

    private static Column CopyColumn(Column column, bool withDefault) =>
        new(column.Name, column.TypeName)
        {
            NotNull = column.NotNull,
            Default = withDefault ? column.Default : null,
            DefaultVolatility = withDefault ? column.DefaultVolatility : Volatility.Unknown,
        };

    private void AddColumn(Table table, ColumnDef definition)
    {
        if (table.FindColumn(definition.Colname) is { } inherited)
        {
            // A column repeated from a parent merges with it.
            inherited.NotNull |= definition.IsNotNull;
            return;
        }

        var column = new Column(definition.Colname, definition.TypeName is null ? "?" : TypeNames.Format(definition.TypeName))
        {
            NotNull = definition.IsNotNull,
        };
        table.ColumnList.Add(column);
        if (definition.TypeName is { } type && TypeNames.IsSerial(type))
        {
            var sequence = AddOwnedSequence(table, column.Name);
            column.NotNull = true;
            column.Default = $"nextval('{sequence.Name.Name}'::regclass)";
            column.DefaultVolatility = Volatility.Volatile;
        }

        foreach (var constraint in definition.Constraints.Select(static c => c.Constraint).OfType<PgQuery.Constraint>())
        {
            ApplyColumnConstraint(table, column, constraint);
        }
    }

    private void ApplyColumnConstraint(Table table, Column column, PgQuery.Constraint constraint)
    {
        switch (constraint.Contype)
        {
            case ConstrType.ConstrNotnull:
                column.NotNull = true;
                break;
            case ConstrType.ConstrNull:
                column.NotNull = false;
                break;
            case ConstrType.ConstrDefault:
                column.Default = TextOf(constraint.RawExpr);
                column.DefaultVolatility = VolatilityOf(constraint.RawExpr);
                break;
            case ConstrType.ConstrIdentity:
                column.Identity = constraint.GeneratedWhen == "a" ? ColumnIdentity.Always : ColumnIdentity.ByDefault;
                column.NotNull = true;
                AddOwnedSequence(table, column.Name);
                break;
            case ConstrType.ConstrGenerated:
                column.Generated = TextOf(constraint.RawExpr);
                break;
        }
    }

    private Sequence AddOwnedSequence(Table table, string column)
    {
        var schema = table.Name.Schema ?? "public";
        var name = catalog.ChooseRelationName(schema, table.Name.Name, column, "seq", isConstraint: false);
        var sequence = new Sequence(new QualifiedName(schema, name), _origin) { OwnedBy = (table.Name, column) };
        catalog.AddSequence(sequence);
        return sequence;
    }

    private void CreateTableAs(CreateTableAsStmt create, RangeVar relation)
    {
        var kind = create.Objtype == ObjectType.ObjectMatview ? RelationKind.MaterializedView : RelationKind.Table;
        if (AddRelation(relation, kind, create.IfNotExists) is { } table)
        {
            table.ColumnsUnknown = true;
            ReadOptions(table, create.Into.Options);
        }
    }

    private void CreateView(ViewStmt view)
    {
        var name = catalog.Qualify(view.View.ToQualifiedName());
        if (view.Replace && catalog.FindTable(name) is { Kind: RelationKind.View } existing)
        {
            existing.OptionMap.Clear();
            ReadOptions(existing, view.Options);
            return;
        }

        if (AddRelation(view.View, RelationKind.View, ifNotExists: false) is { } table)
        {
            table.ColumnsUnknown = true;
            ReadOptions(table, view.Options);
        }
    }

    private static void ReadOptions(Table table, IEnumerable<Node> options)
    {
        foreach (var option in options.Select(static o => o.DefElem).OfType<DefElem>())
        {
            table.OptionMap[option.Defname.ToLowerInvariant()] = option.Arg is null ? "true" : option.Arg.ConstantText() ?? option.Arg.AsString() ?? "?";
        }
    }
}
