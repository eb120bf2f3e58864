using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>What the multi-statement migration rules share about kinds of statements.</summary>
internal static class MigrationStatements
{
    // ALTER TABLE subcommands that only change the catalog once their lock is granted: no scan, no rewrite, no index build.
    private static readonly HashSet<AlterTableType> CatalogOnlyCommands =
    [
        AlterTableType.AtColumnDefault, AlterTableType.AtDropNotNull, AlterTableType.AtDropExpression,
        AlterTableType.AtSetStatistics, AlterTableType.AtSetOptions, AlterTableType.AtResetOptions, AlterTableType.AtSetStorage,
        AlterTableType.AtSetCompression, AlterTableType.AtDropColumn, AlterTableType.AtDropColumnRecurse,
        AlterTableType.AtDropConstraint, AlterTableType.AtDropConstraintRecurse, AlterTableType.AtAlterConstraint,
        AlterTableType.AtChangeOwner, AlterTableType.AtClusterOn, AlterTableType.AtDropCluster, AlterTableType.AtSetRelOptions,
        AlterTableType.AtResetRelOptions, AlterTableType.AtEnableTrig, AlterTableType.AtEnableAlwaysTrig, AlterTableType.AtEnableReplicaTrig,
        AlterTableType.AtDisableTrig, AlterTableType.AtEnableTrigAll, AlterTableType.AtDisableTrigAll, AlterTableType.AtEnableTrigUser,
        AlterTableType.AtDisableTrigUser, AlterTableType.AtEnableRule, AlterTableType.AtEnableAlwaysRule, AlterTableType.AtEnableReplicaRule,
        AlterTableType.AtDisableRule, AlterTableType.AtReplicaIdentity, AlterTableType.AtEnableRowSecurity, AlterTableType.AtDisableRowSecurity,
        AlterTableType.AtForceRowSecurity, AlterTableType.AtNoForceRowSecurity, AlterTableType.AtGenericOptions, AlterTableType.AtSetIdentity,
        AlterTableType.AtDropIdentity, AlterTableType.AtAddIdentity, AlterTableType.AtAlterColumnGenericOptions, AlterTableType.AtDropInherit,
        AlterTableType.AtDropOf,
    ];

    // Statements that only change the catalog (or the session) and do no work on table data.
    private static readonly HashSet<Node.NodeOneofCase> CatalogOnlyStatements =
    [
        Node.NodeOneofCase.TransactionStmt, Node.NodeOneofCase.VariableSetStmt, Node.NodeOneofCase.VariableShowStmt,
        Node.NodeOneofCase.CommentStmt, Node.NodeOneofCase.GrantStmt, Node.NodeOneofCase.GrantRoleStmt, Node.NodeOneofCase.RenameStmt,
        Node.NodeOneofCase.CreateTrigStmt, Node.NodeOneofCase.CreatePolicyStmt, Node.NodeOneofCase.AlterPolicyStmt, Node.NodeOneofCase.RuleStmt,
        Node.NodeOneofCase.CreateFunctionStmt, Node.NodeOneofCase.AlterFunctionStmt, Node.NodeOneofCase.DefineStmt,
        Node.NodeOneofCase.CompositeTypeStmt, Node.NodeOneofCase.CreateEnumStmt, Node.NodeOneofCase.AlterEnumStmt,
        Node.NodeOneofCase.CreateSeqStmt, Node.NodeOneofCase.AlterSeqStmt, Node.NodeOneofCase.ViewStmt, Node.NodeOneofCase.CreateSchemaStmt,
        Node.NodeOneofCase.CreateDomainStmt, Node.NodeOneofCase.AlterOwnerStmt, Node.NodeOneofCase.AlterObjectSchemaStmt,
        Node.NodeOneofCase.DropStmt, Node.NodeOneofCase.AlterDefaultPrivilegesStmt, Node.NodeOneofCase.CreateRoleStmt,
        Node.NodeOneofCase.AlterRoleStmt, Node.NodeOneofCase.CreateStatsStmt, Node.NodeOneofCase.AlterStatsStmt,
    ];

    private static readonly HashSet<Node.NodeOneofCase> SchemaChanges =
    [
        Node.NodeOneofCase.CreateStmt, Node.NodeOneofCase.CreateTableAsStmt, Node.NodeOneofCase.AlterTableStmt, Node.NodeOneofCase.DropStmt,
        Node.NodeOneofCase.IndexStmt, Node.NodeOneofCase.RenameStmt, Node.NodeOneofCase.ViewStmt, Node.NodeOneofCase.DefineStmt,
        Node.NodeOneofCase.CompositeTypeStmt, Node.NodeOneofCase.CreateEnumStmt, Node.NodeOneofCase.AlterEnumStmt,
        Node.NodeOneofCase.CreateSeqStmt, Node.NodeOneofCase.AlterSeqStmt, Node.NodeOneofCase.CreateSchemaStmt,
        Node.NodeOneofCase.CreateDomainStmt, Node.NodeOneofCase.AlterDomainStmt, Node.NodeOneofCase.CreateFunctionStmt,
        Node.NodeOneofCase.AlterFunctionStmt, Node.NodeOneofCase.CreateTrigStmt, Node.NodeOneofCase.CreatePolicyStmt,
        Node.NodeOneofCase.AlterPolicyStmt, Node.NodeOneofCase.RuleStmt, Node.NodeOneofCase.AlterObjectSchemaStmt,
        Node.NodeOneofCase.AlterOwnerStmt, Node.NodeOneofCase.CreateExtensionStmt, Node.NodeOneofCase.AlterExtensionStmt,
        Node.NodeOneofCase.CreateStatsStmt, Node.NodeOneofCase.CreateForeignTableStmt,
        Node.NodeOneofCase.ReindexStmt, Node.NodeOneofCase.CreateCastStmt,
    ];

    /// <summary>True for <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>, <c>MERGE</c> and <c>COPY … FROM</c>: statements that change rows.</summary>
    public static bool IsDataChange(Node root) =>
        root.NodeCase is Node.NodeOneofCase.InsertStmt or Node.NodeOneofCase.UpdateStmt or Node.NodeOneofCase.DeleteStmt
            or Node.NodeOneofCase.MergeStmt
        || root.CopyStmt is { IsFrom: true };

    /// <summary>True for statements that change the schema of tables and the objects around them: <c>CREATE</c>, <c>ALTER</c>, <c>DROP</c>, renames, indexes.</summary>
    public static bool IsSchemaChange(Node root) => SchemaChanges.Contains(root.NodeCase);

    /// <summary>
    /// True when the statement only changes the catalog once it has its locks (or inserts a few rows given
    /// as <c>VALUES</c>): no scan, rewrite, index build or backfill, so holding another lock across it costs no
    /// more than the statement's own lock wait.
    /// </summary>
    public static bool IsCatalogOnly(Node root, MigrationContext migration, Catalog catalog)
    {
        if (CatalogOnlyStatements.Contains(root.NodeCase))
        {
            return root.DropStmt is not { Behavior: DropBehavior.DropCascade };
        }

        return root.NodeCase switch
        {
            Node.NodeOneofCase.AlterTableStmt => root.AlterTableStmt.Cmds.Select(static c => c.AlterTableCmd).All(c => c is not null && IsCatalogOnly(c)),
            Node.NodeOneofCase.CreateStmt => true,

            // A few rows given as VALUES (seed data) cost no more than a catalog change.
            Node.NodeOneofCase.InsertStmt => root.InsertStmt.SelectStmt?.SelectStmt is null or { ValuesLists.Count: > 0 },
            Node.NodeOneofCase.IndexStmt => root.IndexStmt.Relation is { } relation && migration.IsNew(catalog.FindTable(relation.ToQualifiedName())),
            _ => false,
        };
    }

    /// <summary>The 1-based line a statement starts on.</summary>
    public static int Line(SqlStatement statement) => statement.Source.GetLinePosition(statement.Span.Start).Line;

    /// <summary>
    /// A new column without a default, or with a constant one (stored as the column's missing value since
    /// PostgreSQL 11), optionally NOT NULL when that default is set: no row is read or written.
    /// </summary>
    private static bool IsCatalogOnly(ColumnDef column)
    {
        var constraints = column.Constraints.Select(static c => c.Constraint).ToList();
        var constantDefault = constraints.Any(static c => c is { Contype: ConstrType.ConstrDefault } && IsConstant(c.RawExpr));
        return constraints.All(c => c is { Contype: ConstrType.ConstrNull }
            || (c is { Contype: ConstrType.ConstrDefault } && IsConstant(c.RawExpr))
            || (c is { Contype: ConstrType.ConstrNotnull } && constantDefault));
    }

    private static bool IsConstant(Node? expression) =>
        expression is { AConst: not null } || expression?.TypeCast is { Arg.AConst: not null };

    private static bool IsCatalogOnly(AlterTableCmd command)
    {
        if (CatalogOnlyCommands.Contains(command.Subtype))
        {
            return true;
        }

        return command.Subtype switch
        {
            // NOT VALID skips the scan; a column with no default, or a constant one, is a catalog change (PostgreSQL 11 and later).
            AlterTableType.AtAddConstraint or AlterTableType.AtAddConstraintRecurse =>
                command.Def?.Constraint is { SkipValidation: true, Contype: ConstrType.ConstrCheck or ConstrType.ConstrForeign },
            AlterTableType.AtAddColumn or AlterTableType.AtAddColumnRecurse => command.Def?.ColumnDef is { } column && IsCatalogOnly(column),
            _ => false,
        };
    }
}
