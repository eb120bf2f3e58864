using PgQuery;

namespace PgLint.Analysis;

/// <summary>ALTER TABLE subcommands: columns, constraints, partitions, row-level security.</summary>
internal sealed partial class CatalogReplayer
{
    private void AlterTable(AlterTableStmt alter)
    {
        if (alter.Relation is null)
        {
            return;
        }

        if (alter.Objtype == ObjectType.ObjectIndex)
        {
            AttachPartitionIndexes(alter);
            return;
        }

        if (catalog.FindTable(alter.Relation.ToQualifiedName()) is not { } table)
        {
            return;
        }

        foreach (var command in alter.Cmds.Select(static c => c.AlterTableCmd).OfType<AlterTableCmd>())
        {
            AlterTable(table, command);
        }
    }

    // ALTER INDEX parent ATTACH PARTITION child: an index created ON ONLY a partitioned table becomes
    // valid once an index of every partition is attached to it (PostgreSQL's "CREATE INDEX … ON ONLY").
    private void AttachPartitionIndexes(AlterTableStmt alter)
    {
        if (catalog.FindIndex(alter.Relation.ToQualifiedName()) is not { } parent)
        {
            return;
        }

        foreach (var command in alter.Cmds.Select(static c => c.AlterTableCmd).OfType<AlterTableCmd>())
        {
            if (command is { Subtype: AlterTableType.AtAttachPartition, Def.PartitionCmd.Name: { } child }
                && catalog.FindIndex(child.ToQualifiedName() is { Schema: null } name ? name with { Schema = parent.Name.Schema } : child.ToQualifiedName()) is { } index)
            {
                parent.AttachedPartitionTables.Add(index.Table);
            }
        }

        if (!parent.IsValid && catalog.FindTable(parent.Table) is { } table && catalog.PartitionsOf(table).All(p => parent.AttachedPartitionTables.Contains(p.Name)))
        {
            parent.IsValid = true;
        }
    }

    private void AlterTable(Table table, AlterTableCmd command)
    {
        var column = command.Name.Length > 0 ? table.FindColumn(command.Name) : null;
        switch (command.Subtype)
        {
            case AlterTableType.AtAddColumn when command.Def?.ColumnDef is { } definition:
                if (table.FindColumn(definition.Colname) is null)
                {
                    AddColumn(table, definition);
                    foreach (var constraint in definition.Constraints.Select(static c => c.Constraint).OfType<PgQuery.Constraint>())
                    {
                        AddConstraint(table, constraint, definition.Colname);
                    }
                }

                break;
            case AlterTableType.AtDropColumn when column is not null:
                DropColumn(table, column);
                break;
            case AlterTableType.AtAlterColumnType when column is not null && command.Def?.ColumnDef?.TypeName is { } type:
                column.TypeName = TypeNames.Format(type);
                break;
            case AlterTableType.AtSetNotNull when column is not null:
                column.NotNull = true;
                break;
            case AlterTableType.AtDropNotNull when column is not null:
                column.NotNull = false;
                break;
            case AlterTableType.AtColumnDefault when column is not null:
                column.Default = TextOf(command.Def);
                column.DefaultVolatility = command.Def is null ? Volatility.Unknown : VolatilityOf(command.Def);
                break;
            case AlterTableType.AtAddIdentity when column is not null && command.Def?.Constraint is { } identity:
                ApplyColumnConstraint(table, column, identity);
                break;
            case AlterTableType.AtDropIdentity when column is not null:
                column.Identity = ColumnIdentity.None;
                break;
            case AlterTableType.AtAddConstraint when command.Def?.Constraint is { } constraint:
                AddConstraint(table, constraint, column: null);
                break;
            case AlterTableType.AtValidateConstraint when table.FindConstraint(command.Name) is { } validated:
                validated.IsValidated = true;
                break;
            case AlterTableType.AtDropConstraint when table.FindConstraint(command.Name) is { } dropped:
                DropConstraint(table, dropped);
                break;
            case AlterTableType.AtAttachPartition when command.Def?.PartitionCmd?.Name is { } partition:
                if (catalog.FindTable(partition.ToQualifiedName()) is { } attached)
                {
                    attached.PartitionOf = table.Name;
                }

                break;
            case AlterTableType.AtDetachPartition when command.Def?.PartitionCmd?.Name is { } partition:
                if (catalog.FindTable(partition.ToQualifiedName()) is { } detached)
                {
                    detached.PartitionOf = null;
                }

                break;
            case AlterTableType.AtEnableRowSecurity:
                table.RowLevelSecurity = true;
                break;
            case AlterTableType.AtDisableRowSecurity:
                table.RowLevelSecurity = false;
                break;
            case AlterTableType.AtForceRowSecurity:
                table.ForceRowLevelSecurity = true;
                break;
            case AlterTableType.AtNoForceRowSecurity:
                table.ForceRowLevelSecurity = false;
                break;
            case AlterTableType.AtSetLogged:
                table.IsUnlogged = false;
                break;
            case AlterTableType.AtSetUnLogged:
                table.IsUnlogged = true;
                break;
            case AlterTableType.AtSetRelOptions when command.Def?.List is { } options:
                ReadOptions(table, options.Items);
                break;
        }
    }

    /// <summary>Dropping a column drops every index and constraint that uses it, as PostgreSQL does.</summary>
    private void DropColumn(Table table, Column column)
    {
        table.ColumnList.Remove(column);
        foreach (var index in catalog.IndexesOn(table).Where(i => i.Keys.Any(k => k.Column == column.Name) || i.Include.Contains(column.Name)).ToList())
        {
            catalog.RemoveIndex(index);
        }

        table.ConstraintList.RemoveAll(c => c.Columns.Contains(column.Name));
        foreach (var sequence in catalog.Sequences.Where(s => s.OwnedBy == (table.Name, column.Name)).ToList())
        {
            catalog.RemoveSequence(sequence);
        }
    }

    private void DropConstraint(Table table, TableConstraint constraint)
    {
        table.ConstraintList.Remove(constraint);
        if (constraint.IndexName is { } indexName && catalog.FindIndex(new QualifiedName(table.Name.Schema, indexName)) is { } index)
        {
            catalog.RemoveIndex(index);
        }

        if (constraint.Type == ConstraintType.PrimaryKey || constraint.Type == ConstraintType.Unique)
        {
            foreach (var other in catalog.ForeignKeysReferencing(table).Where(f => f.ForeignKey.ReferencedColumns.SequenceEqual(constraint.Columns)).ToList())
            {
                other.Table.ConstraintList.Remove(other.ForeignKey);
            }
        }
    }
}
