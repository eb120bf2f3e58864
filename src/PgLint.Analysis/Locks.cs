using System.Collections.Frozen;
using System.Collections.Immutable;
using PgQuery;

namespace PgLint.Analysis;

/// <summary>
/// PostgreSQL's table-level lock modes, weakest first. The values are those of PostgreSQL's
/// <c>lockdefs.h</c>, which is also the numeric mode libpg_query gives for <c>LOCK TABLE</c>.
/// </summary>
public enum LockMode
{
    /// <summary><c>ACCESS SHARE</c>: plain <c>SELECT</c>.</summary>
    AccessShare = 1,

    /// <summary><c>ROW SHARE</c>: <c>SELECT … FOR UPDATE/SHARE</c>.</summary>
    RowShare = 2,

    /// <summary><c>ROW EXCLUSIVE</c>: <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>, <c>MERGE</c>.</summary>
    RowExclusive = 3,

    /// <summary><c>SHARE UPDATE EXCLUSIVE</c>: <c>VACUUM</c>, <c>ANALYZE</c>, <c>CREATE INDEX CONCURRENTLY</c>, some <c>ALTER TABLE</c> forms.</summary>
    ShareUpdateExclusive = 4,

    /// <summary><c>SHARE</c>: <c>CREATE INDEX</c> without <c>CONCURRENTLY</c>; blocks writes.</summary>
    Share = 5,

    /// <summary><c>SHARE ROW EXCLUSIVE</c>: <c>CREATE TRIGGER</c>, adding a foreign key; blocks writes.</summary>
    ShareRowExclusive = 6,

    /// <summary><c>EXCLUSIVE</c>: <c>REFRESH MATERIALIZED VIEW CONCURRENTLY</c>; blocks writes and row locks.</summary>
    Exclusive = 7,

    /// <summary><c>ACCESS EXCLUSIVE</c>: most <c>ALTER TABLE</c> forms, <c>DROP</c>, <c>TRUNCATE</c>; blocks everything, reads included.</summary>
    AccessExclusive = 8,
}

/// <summary>What PostgreSQL's lock conflict table says about each <see cref="LockMode"/>.</summary>
public static class LockModes
{
    // "Conflicting Lock Modes" in the PostgreSQL manual (Explicit Locking), one row per mode.
    private static readonly FrozenDictionary<LockMode, LockMode[]> Conflicts = new Dictionary<LockMode, LockMode[]>
    {
        [LockMode.AccessShare] = [LockMode.AccessExclusive],
        [LockMode.RowShare] = [LockMode.Exclusive, LockMode.AccessExclusive],
        [LockMode.RowExclusive] = [LockMode.Share, LockMode.ShareRowExclusive, LockMode.Exclusive, LockMode.AccessExclusive],
        [LockMode.ShareUpdateExclusive] = [LockMode.ShareUpdateExclusive, LockMode.Share, LockMode.ShareRowExclusive, LockMode.Exclusive, LockMode.AccessExclusive],
        [LockMode.Share] = [LockMode.RowExclusive, LockMode.ShareUpdateExclusive, LockMode.ShareRowExclusive, LockMode.Exclusive, LockMode.AccessExclusive],
        [LockMode.ShareRowExclusive] = [LockMode.RowExclusive, LockMode.ShareUpdateExclusive, LockMode.Share, LockMode.ShareRowExclusive, LockMode.Exclusive, LockMode.AccessExclusive],
        [LockMode.Exclusive] = [LockMode.RowShare, LockMode.RowExclusive, LockMode.ShareUpdateExclusive, LockMode.Share, LockMode.ShareRowExclusive, LockMode.Exclusive, LockMode.AccessExclusive],
        [LockMode.AccessExclusive] = [LockMode.AccessShare, LockMode.RowShare, LockMode.RowExclusive, LockMode.ShareUpdateExclusive, LockMode.Share, LockMode.ShareRowExclusive, LockMode.Exclusive, LockMode.AccessExclusive],
    }.ToFrozenDictionary();

    /// <summary>True when a session holding or waiting for <paramref name="mode"/> makes <paramref name="other"/> wait.</summary>
    public static bool ConflictsWith(this LockMode mode, LockMode other) =>
        Conflicts.TryGetValue(mode, out var conflicting) && conflicting.Contains(other);

    /// <summary>True when the mode makes plain <c>SELECT</c>s wait (only <c>ACCESS EXCLUSIVE</c>).</summary>
    public static bool BlocksReads(this LockMode mode) => mode.ConflictsWith(LockMode.AccessShare);

    /// <summary>True when the mode makes <c>INSERT</c>/<c>UPDATE</c>/<c>DELETE</c> wait (<c>SHARE</c> and stronger).</summary>
    public static bool BlocksWrites(this LockMode mode) => mode.ConflictsWith(LockMode.RowExclusive);

    /// <summary>The mode as SQL writes it, e.g. <c>ACCESS EXCLUSIVE</c>.</summary>
    public static string ToSql(this LockMode mode) => mode switch
    {
        LockMode.AccessShare => "ACCESS SHARE",
        LockMode.RowShare => "ROW SHARE",
        LockMode.RowExclusive => "ROW EXCLUSIVE",
        LockMode.ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
        LockMode.Share => "SHARE",
        LockMode.ShareRowExclusive => "SHARE ROW EXCLUSIVE",
        LockMode.Exclusive => "EXCLUSIVE",
        LockMode.AccessExclusive => "ACCESS EXCLUSIVE",
        _ => mode.ToString(),
    };
}

/// <summary>What kind of relation a <see cref="RelationLock"/> is on.</summary>
public enum LockedRelationKind
{
    /// <summary>A table or another table-like relation (view, materialized view, sequence, foreign table).</summary>
    Table,

    /// <summary>An index. Also used for an index whose table the catalog does not know.</summary>
    Index,
}

/// <summary>A table-level lock a statement takes and holds until its transaction ends.</summary>
/// <param name="Relation">The relation, as the catalog names it when known, else as written.</param>
/// <param name="Kind">Whether <paramref name="Relation"/> is a table or an index.</param>
/// <param name="Mode">The strongest mode the statement takes on it.</param>
public readonly record struct RelationLock(QualifiedName Relation, LockedRelationKind Kind, LockMode Mode);

/// <summary>
/// The table-level locks a top-level statement takes, as PostgreSQL 15 acquires them (the lock
/// levels of <c>AlterTableGetLockLevel</c>, the reloption table and the manual's "Explicit Locking").
/// </summary>
/// <remarks>
/// The model covers the statements migration rules care about: DDL on tables and indexes, maintenance
/// (<c>VACUUM</c>, <c>CLUSTER</c>, <c>REINDEX</c>, <c>REFRESH MATERIALIZED VIEW</c>), <c>LOCK TABLE</c>
/// and the target of data-changing statements. It does not list the <c>ACCESS SHARE</c> /
/// <c>ROW SHARE</c> locks on relations a query only reads, locks PostgreSQL takes on partitions and
/// inheritance children it recurses into, or the tables that <c>TRUNCATE … CASCADE</c> reaches. Dropping a
/// foreign key (with its table, its column or by name) also locks the referenced table in ACCESS EXCLUSIVE,
/// as far as the catalog knows the foreign keys.
/// </remarks>
public static class Locks
{
    // ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE (AlterTableGetLockLevel, PostgreSQL 15).
    // Every subcommand not listed here, and not decided by its definition below, takes ACCESS EXCLUSIVE.
    private static readonly FrozenDictionary<AlterTableType, LockMode> AlterTableLevels = new Dictionary<AlterTableType, LockMode>
    {
        [AlterTableType.AtSetStatistics] = LockMode.ShareUpdateExclusive,
        [AlterTableType.AtSetOptions] = LockMode.ShareUpdateExclusive,
        [AlterTableType.AtResetOptions] = LockMode.ShareUpdateExclusive,
        [AlterTableType.AtClusterOn] = LockMode.ShareUpdateExclusive,
        [AlterTableType.AtDropCluster] = LockMode.ShareUpdateExclusive,
        [AlterTableType.AtValidateConstraint] = LockMode.ShareUpdateExclusive,
        [AlterTableType.AtValidateConstraintRecurse] = LockMode.ShareUpdateExclusive,
        [AlterTableType.AtAttachPartition] = LockMode.ShareUpdateExclusive,
        [AlterTableType.AtDetachPartitionFinalize] = LockMode.ShareUpdateExclusive,
        [AlterTableType.AtCheckNotNull] = LockMode.AccessShare,
        [AlterTableType.AtEnableTrig] = LockMode.ShareRowExclusive,
        [AlterTableType.AtEnableAlwaysTrig] = LockMode.ShareRowExclusive,
        [AlterTableType.AtEnableReplicaTrig] = LockMode.ShareRowExclusive,
        [AlterTableType.AtEnableTrigAll] = LockMode.ShareRowExclusive,
        [AlterTableType.AtEnableTrigUser] = LockMode.ShareRowExclusive,
        [AlterTableType.AtDisableTrig] = LockMode.ShareRowExclusive,
        [AlterTableType.AtDisableTrigAll] = LockMode.ShareRowExclusive,
        [AlterTableType.AtDisableTrigUser] = LockMode.ShareRowExclusive,
    }.ToFrozenDictionary();

    // Storage parameters that SET (…) / RESET (…) change under SHARE UPDATE EXCLUSIVE (reloptions.c), besides
    // every autovacuum_* one; the others (user_catalog_table, the view options, …) take ACCESS EXCLUSIVE.
    private static readonly FrozenSet<string> ShareUpdateExclusiveOptions = new[]
    {
        "fillfactor", "toast_tuple_target", "parallel_workers", "vacuum_index_cleanup", "vacuum_truncate",
        "log_autovacuum_min_duration", "deduplicate_items",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // What each kind of statement locks; statements not listed take no lock the model tracks.
    private static readonly FrozenDictionary<Node.NodeOneofCase, Action<Node, LockList>> StatementLocks = new Dictionary<Node.NodeOneofCase, Action<Node, LockList>>
    {
        [Node.NodeOneofCase.IndexStmt] = static (n, l) => l.Table(n.IndexStmt.Relation, n.IndexStmt.Concurrent ? LockMode.ShareUpdateExclusive : LockMode.Share),
        [Node.NodeOneofCase.DropStmt] = static (n, l) => Drop(n.DropStmt, l),
        [Node.NodeOneofCase.AlterTableStmt] = static (n, l) => AlterTable(n.AlterTableStmt, l),
        [Node.NodeOneofCase.RenameStmt] = static (n, l) => Rename(n.RenameStmt, l),
        [Node.NodeOneofCase.CreateStmt] = static (n, l) => CreateTable(n.CreateStmt, l),
        [Node.NodeOneofCase.ReindexStmt] = static (n, l) => Reindex(n.ReindexStmt, l),
        [Node.NodeOneofCase.VacuumStmt] = static (n, l) => l.Tables(
            n.VacuumStmt.Rels.Select(static r => r.VacuumRelation?.Relation),
            n.VacuumStmt.Options.IsOptionOn("full") ? LockMode.AccessExclusive : LockMode.ShareUpdateExclusive),
        [Node.NodeOneofCase.ClusterStmt] = static (n, l) => l.Table(n.ClusterStmt.Relation, LockMode.AccessExclusive),
        [Node.NodeOneofCase.LockStmt] = static (n, l) => l.Tables(n.LockStmt.Relations.Select(static r => r.RangeVar), (LockMode)n.LockStmt.Mode),
        [Node.NodeOneofCase.TruncateStmt] = static (n, l) => l.Tables(n.TruncateStmt.Relations.Select(static r => r.RangeVar), LockMode.AccessExclusive),
        [Node.NodeOneofCase.RefreshMatViewStmt] = static (n, l) => l.Table(
            n.RefreshMatViewStmt.Relation,
            n.RefreshMatViewStmt.Concurrent ? LockMode.Exclusive : LockMode.AccessExclusive),
        [Node.NodeOneofCase.CreateTrigStmt] = static (n, l) => l.Table(n.CreateTrigStmt.Relation, LockMode.ShareRowExclusive),
        [Node.NodeOneofCase.CreatePolicyStmt] = static (n, l) => l.Table(n.CreatePolicyStmt.Table, LockMode.AccessExclusive),
        [Node.NodeOneofCase.AlterPolicyStmt] = static (n, l) => l.Table(n.AlterPolicyStmt.Table, LockMode.AccessExclusive),
        [Node.NodeOneofCase.RuleStmt] = static (n, l) => l.Table(n.RuleStmt.Relation, LockMode.AccessExclusive),
        [Node.NodeOneofCase.AlterObjectSchemaStmt] = static (n, l) => l.Table(n.AlterObjectSchemaStmt.Relation, LockMode.AccessExclusive),
        [Node.NodeOneofCase.CreateStatsStmt] = static (n, l) => l.Tables(n.CreateStatsStmt.Relations.Select(static r => r.RangeVar), LockMode.ShareUpdateExclusive),
        [Node.NodeOneofCase.CommentStmt] = static (n, l) => Comment(n.CommentStmt, l),
        [Node.NodeOneofCase.AlterDomainStmt] = static (n, l) => AlterDomain(n.AlterDomainStmt, l),
        [Node.NodeOneofCase.InsertStmt] = static (n, l) => l.Table(n.InsertStmt.Relation, LockMode.RowExclusive),
        [Node.NodeOneofCase.UpdateStmt] = static (n, l) => l.Table(n.UpdateStmt.Relation, LockMode.RowExclusive),
        [Node.NodeOneofCase.DeleteStmt] = static (n, l) => l.Table(n.DeleteStmt.Relation, LockMode.RowExclusive),
        [Node.NodeOneofCase.MergeStmt] = static (n, l) => l.Table(n.MergeStmt.Relation, LockMode.RowExclusive),
        [Node.NodeOneofCase.CopyStmt] = static (n, l) => l.Table(n.CopyStmt.Relation, n.CopyStmt.IsFrom ? LockMode.RowExclusive : LockMode.AccessShare),
    }.ToFrozenDictionary();

    /// <summary>The locks <paramref name="statement"/> (a top-level statement's root) takes, strongest mode per relation, in source order.</summary>
    /// <param name="statement">The statement's root node.</param>
    /// <param name="catalog">Resolves index names to their tables and names to their canonical form.</param>
    public static ImmutableArray<RelationLock> Acquired(Node statement, Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(catalog);
        var locks = new LockList(catalog);
        if (StatementLocks.TryGetValue(statement.NodeCase, out var collect))
        {
            collect(statement, locks);
        }

        return locks.ToImmutable();
    }

    /// <summary>The mode <c>ALTER TABLE</c> takes on its table for one subcommand.</summary>
    public static LockMode AlterTableLockMode(AlterTableCmd command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Subtype switch
        {
            AlterTableType.AtAddConstraint or AlterTableType.AtAddConstraintRecurse
                when command.Def?.Constraint is { Contype: ConstrType.ConstrForeign } => LockMode.ShareRowExclusive,
            AlterTableType.AtSetRelOptions or AlterTableType.AtResetRelOptions =>
                command.Def?.List?.Items.All(IsShareUpdateExclusiveOption) == true ? LockMode.ShareUpdateExclusive : LockMode.AccessExclusive,
            AlterTableType.AtDetachPartition when command.Def?.PartitionCmd is { Concurrent: true } => LockMode.ShareUpdateExclusive,
            _ => AlterTableLevels.GetValueOrDefault(command.Subtype, LockMode.AccessExclusive),
        };
    }

    private static bool IsShareUpdateExclusiveOption(Node option) =>
        option.DefElem is { } parameter
        && (parameter.Defname.StartsWith("autovacuum_", StringComparison.OrdinalIgnoreCase) || ShareUpdateExclusiveOptions.Contains(parameter.Defname));

    private static void AlterTable(AlterTableStmt alter, LockList locks)
    {
        var kind = alter.Objtype == ObjectType.ObjectIndex ? LockedRelationKind.Index : LockedRelationKind.Table;
        if (alter.Objtype is not (ObjectType.ObjectTable or ObjectType.ObjectIndex or ObjectType.ObjectView
            or ObjectType.ObjectMatview or ObjectType.ObjectForeignTable or ObjectType.ObjectSequence))
        {
            return;
        }

        // ALTER TABLE takes the strongest level any subcommand needs, and never less than SHARE UPDATE EXCLUSIVE.
        var commands = alter.Cmds.Select(static c => c.AlterTableCmd).OfType<AlterTableCmd>().ToList();
        var mode = commands.Select(AlterTableLockMode).Append(LockMode.ShareUpdateExclusive).Max();
        locks.Add(alter.Relation, kind, mode);
        foreach (var command in commands)
        {
            switch (command.Subtype)
            {
                case AlterTableType.AtAddConstraint or AlterTableType.AtAddConstraintRecurse when command.Def?.Constraint is { } constraint:
                    ReferencedTables([constraint], locks);
                    break;
                case AlterTableType.AtAddColumn or AlterTableType.AtAddColumnRecurse when command.Def?.ColumnDef is { } column:
                    ReferencedTables(column.Constraints.Select(static c => c.Constraint), locks);
                    break;
                case AlterTableType.AtAttachPartition when command.Def?.PartitionCmd is { } partition:
                    // The partition (or index) being attached is scanned or checked under ACCESS EXCLUSIVE.
                    locks.Add(partition.Name, kind, LockMode.AccessExclusive);
                    break;
                case AlterTableType.AtDetachPartition when command.Def?.PartitionCmd is { } partition:
                    locks.Add(partition.Name, kind, partition.Concurrent ? LockMode.ShareUpdateExclusive : LockMode.AccessExclusive);
                    break;
                case AlterTableType.AtDropColumn or AlterTableType.AtDropColumnRecurse or AlterTableType.AtDropConstraint or AlterTableType.AtDropConstraintRecurse
                    when kind == LockedRelationKind.Table && alter.Relation is { } relation && locks.Catalog.FindTable(relation.ToQualifiedName()) is { } table:
                    DroppedForeignKeys(table, command, locks);
                    break;
            }
        }
    }

    /// <summary>
    /// Dropping a foreign key drops its triggers on the referenced table, under ACCESS EXCLUSIVE: so do
    /// <c>DROP CONSTRAINT</c> of a foreign key, <c>DROP COLUMN</c> of one of its columns, and (with
    /// <c>CASCADE</c>) dropping the column or key a foreign key of another table references, which
    /// locks that table.
    /// </summary>
    private static void DroppedForeignKeys(Table table, AlterTableCmd command, LockList locks)
    {
        var cascade = command.Behavior == DropBehavior.DropCascade;
        var byColumn = command.Subtype is AlterTableType.AtDropColumn or AlterTableType.AtDropColumnRecurse;
        var dropped = byColumn ? null : table.FindConstraint(command.Name);
        foreach (var key in Catalog.ForeignKeysOf(table))
        {
            if (key.ReferencedTable is { } referenced && (byColumn ? key.Columns.Contains(command.Name) : key == dropped))
            {
                locks.Add(referenced, LockedRelationKind.Table, LockMode.AccessExclusive);
            }
        }

        if (!cascade)
        {
            return;
        }

        foreach (var (referencing, key) in locks.Catalog.ForeignKeysReferencing(table))
        {
            var reaches = byColumn
                ? key.ReferencedColumns.Contains(command.Name)
                : dropped is { Type: ConstraintType.PrimaryKey or ConstraintType.Unique } && key.ReferencedColumns.SequenceEqual(dropped.Columns);
            if (reaches)
            {
                locks.Add(referencing.Name, LockedRelationKind.Table, LockMode.AccessExclusive);
            }
        }
    }

    /// <summary>
    /// Dropping a table drops its foreign keys' triggers on the tables they reference (ACCESS EXCLUSIVE
    /// there too); with <c>CASCADE</c>, the foreign keys of other tables that reference it go as well.
    /// </summary>
    private static void DroppedTableForeignKeys(Table table, bool cascade, LockList locks)
    {
        foreach (var referenced in Catalog.ForeignKeysOf(table).Select(static k => k.ReferencedTable).OfType<QualifiedName>())
        {
            locks.Add(referenced, LockedRelationKind.Table, LockMode.AccessExclusive);
        }

        if (cascade)
        {
            foreach (var (referencing, _) in locks.Catalog.ForeignKeysReferencing(table))
            {
                locks.Add(referencing.Name, LockedRelationKind.Table, LockMode.AccessExclusive);
            }
        }
    }

    /// <summary>Adding a foreign key adds triggers to the referenced table, under the lock CREATE TRIGGER takes.</summary>
    private static void ReferencedTables(IEnumerable<Constraint?> constraints, LockList locks, RangeVar? created = null)
    {
        foreach (var constraint in constraints)
        {
            if (constraint is { Contype: ConstrType.ConstrForeign, Pktable: { } referenced } && !IsSameRelation(referenced, created))
            {
                locks.Table(referenced, LockMode.ShareRowExclusive);
            }
        }
    }

    private static void CreateTable(CreateStmt create, LockList locks)
    {
        // Adding a partition changes the parent's partition descriptor; plain inheritance only needs the parent stable.
        var parentMode = create.Partbound is not null ? LockMode.AccessExclusive : LockMode.ShareUpdateExclusive;
        foreach (var parent in create.InhRelations)
        {
            locks.Table(parent.RangeVar, parentMode);
        }

        var constraints = create.TableElts
            .SelectMany(static e => e.ColumnDef is { } column ? column.Constraints.Select(static c => c.Constraint) : [e.Constraint])
            .Concat(create.Constraints.Select(static c => c.Constraint));
        ReferencedTables(constraints, locks, create.Relation);
    }

    private static void Comment(CommentStmt comment, LockList locks)
    {
        if (comment.Objtype is ObjectType.ObjectTable or ObjectType.ObjectColumn or ObjectType.ObjectView
            or ObjectType.ObjectMatview or ObjectType.ObjectForeignTable)
        {
            // A column is named by its table's name followed by its own.
            var names = comment.Object.List?.Items.ToList() ?? [];
            locks.Table(comment.Objtype == ObjectType.ObjectColumn ? names.SkipLast(1) : names, LockMode.ShareUpdateExclusive);
        }
    }

    /// <summary>
    /// Checking a domain's values (a new constraint that is not <c>NOT VALID</c>, <c>VALIDATE CONSTRAINT</c>,
    /// <c>SET NOT NULL</c>) scans every table with a column of the domain under SHARE.
    /// </summary>
    private static void AlterDomain(AlterDomainStmt alter, LockList locks)
    {
        var checksValues = alter.Subtype switch
        {
            "C" => alter.Def?.Constraint is { SkipValidation: false },
            "V" or "O" => true,
            _ => false,
        };
        if (!checksValues || alter.TypeName.Count == 0)
        {
            return;
        }

        var domain = alter.TypeName.ToQualifiedName();
        var typeName = domain.Schema is null or "public" ? QualifiedName.Quote(domain.Name) : $"{QualifiedName.Quote(domain.Schema)}.{QualifiedName.Quote(domain.Name)}";
        foreach (var table in locks.Catalog.Tables.Where(t => t.Kind is RelationKind.Table or RelationKind.MaterializedView && t.Columns.Any(c => c.TypeName == typeName)))
        {
            locks.Add(table.Name, LockedRelationKind.Table, LockMode.Share);
        }
    }

    private static void Drop(DropStmt drop, LockList locks)
    {
        var mode = drop.Concurrent ? LockMode.ShareUpdateExclusive : LockMode.AccessExclusive;
        foreach (var names in drop.Objects.Select(static o => o.List?.Items.ToList()).OfType<List<Node>>())
        {
            switch (drop.RemoveType)
            {
                case ObjectType.ObjectTable or ObjectType.ObjectView or ObjectType.ObjectMatview
                    or ObjectType.ObjectForeignTable or ObjectType.ObjectSequence:
                    locks.Table(names, LockMode.AccessExclusive);
                    if (drop.RemoveType == ObjectType.ObjectTable && locks.Catalog.FindTable(names.ToQualifiedName()) is { } table)
                    {
                        DroppedTableForeignKeys(table, drop.Behavior == DropBehavior.DropCascade, locks);
                    }

                    break;
                case ObjectType.ObjectIndex:
                    locks.IndexAndItsTable(names.ToQualifiedName(), mode, mode);
                    break;
                case ObjectType.ObjectTrigger or ObjectType.ObjectPolicy or ObjectType.ObjectRule when names.Count > 1:
                    // The object's own name comes last; before it, its table's.
                    locks.Table(names.SkipLast(1), LockMode.AccessExclusive);
                    break;
            }
        }
    }

    private static void Rename(RenameStmt rename, LockList locks)
    {
        switch (rename.RenameType)
        {
            case ObjectType.ObjectIndex:
                // Renaming an index takes SHARE UPDATE EXCLUSIVE on it (PostgreSQL 12 and later).
                locks.Add(rename.Relation, LockedRelationKind.Index, LockMode.ShareUpdateExclusive);
                break;
            case ObjectType.ObjectTable or ObjectType.ObjectView or ObjectType.ObjectMatview or ObjectType.ObjectForeignTable
                or ObjectType.ObjectSequence or ObjectType.ObjectColumn or ObjectType.ObjectTabconstraint
                or ObjectType.ObjectTrigger or ObjectType.ObjectPolicy or ObjectType.ObjectRule:
                if (rename.Relation is not null)
                {
                    locks.Table(rename.Relation, LockMode.AccessExclusive);
                }
                else if (rename.Object?.List?.Items is { Count: > 1 } names)
                {
                    locks.Table(names.SkipLast(1), LockMode.AccessExclusive);
                }

                break;
        }
    }

    private static void Reindex(ReindexStmt reindex, LockList locks)
    {
        // REINDEX blocks writes to the table and every use of the index it rebuilds; CONCURRENTLY blocks neither.
        var concurrent = reindex.Params.IsOptionOn("concurrently");
        var tableMode = concurrent ? LockMode.ShareUpdateExclusive : LockMode.Share;
        var indexMode = concurrent ? LockMode.ShareUpdateExclusive : LockMode.AccessExclusive;
        switch (reindex.Kind)
        {
            case ReindexObjectType.ReindexObjectIndex when reindex.Relation is { } index:
                locks.IndexAndItsTable(index.ToQualifiedName(), indexMode, tableMode);
                break;
            case ReindexObjectType.ReindexObjectTable when reindex.Relation is { } relation:
                locks.Table(relation, tableMode);
                if (locks.Catalog.FindTable(relation.ToQualifiedName()) is { } table)
                {
                    foreach (var index in locks.Catalog.IndexesOn(table))
                    {
                        locks.Add(index.Name, LockedRelationKind.Index, indexMode);
                    }
                }

                break;
        }
    }

    private static bool IsSameRelation(RangeVar relation, RangeVar? other) =>
        other is not null
        && relation.Relname == other.Relname
        && (relation.Schemaname.Length == 0 || other.Schemaname.Length == 0 || relation.Schemaname == other.Schemaname);

    /// <summary>Locks in first-seen order, keeping the strongest mode per relation.</summary>
    private sealed class LockList(Catalog catalog)
    {
        private readonly List<(QualifiedName Name, LockedRelationKind Kind)> _order = [];
        private readonly Dictionary<(QualifiedName, LockedRelationKind), LockMode> _modes = [];

        public Catalog Catalog => catalog;

        public void Table(RangeVar? relation, LockMode mode) => Add(relation, LockedRelationKind.Table, mode);

        public void Tables(IEnumerable<RangeVar?> relations, LockMode mode)
        {
            foreach (var relation in relations)
            {
                Add(relation, LockedRelationKind.Table, mode);
            }
        }

        public void Table(IEnumerable<Node> names, LockMode mode)
        {
            var list = names.ToList();
            if (list.Count > 0)
            {
                Add(list.ToQualifiedName(), LockedRelationKind.Table, mode);
            }
        }

        public void Add(RangeVar? relation, LockedRelationKind kind, LockMode mode)
        {
            if (relation is not null && relation.Relname.Length > 0)
            {
                Add(relation.ToQualifiedName(), kind, mode);
            }
        }

        /// <summary>An index and, when the catalog knows it, its table.</summary>
        public void IndexAndItsTable(QualifiedName indexName, LockMode indexMode, LockMode tableMode)
        {
            var index = catalog.FindIndex(indexName);
            if (index is not null)
            {
                Add(index.Table, LockedRelationKind.Table, tableMode);
            }

            Add(indexName, LockedRelationKind.Index, indexMode);
        }

        public void Add(QualifiedName name, LockedRelationKind kind, LockMode mode)
        {
            var known = kind == LockedRelationKind.Table ? catalog.FindTable(name) : (CatalogObject?)catalog.FindIndex(name);
            var key = (known?.Name ?? name, kind);
            if (_modes.TryGetValue(key, out var existing))
            {
                _modes[key] = existing > mode ? existing : mode;
                return;
            }

            _order.Add(key);
            _modes[key] = mode;
        }

        public ImmutableArray<RelationLock> ToImmutable() =>
            [.. _order.Select(k => new RelationLock(k.Name, k.Kind, _modes[k]))];
    }
}
