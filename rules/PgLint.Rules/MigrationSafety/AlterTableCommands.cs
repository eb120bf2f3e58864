using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>What the rules about one <c>ALTER TABLE</c> subcommand share.</summary>
internal static class AlterTableCommands
{
    /// <summary>
    /// The table an <c>ALTER TABLE</c> subcommand applies to, when it is an existing table (not
    /// created earlier in the same file); null otherwise.
    /// </summary>
    public static RangeVar? ExistingTable(NodeContext<AlterTableCmd> context)
    {
        var alter = context.FindAncestor<AlterTableStmt>();
        return alter?.Relation is { } relation
            && alter.Objtype is ObjectType.ObjectTable or ObjectType.ObjectMatview
            && !context.Migration.IsNew(context.Catalog.FindTable(relation.ToQualifiedName()))
            ? relation
            : null;
    }

    /// <summary>The column definition an <c>ADD COLUMN</c> subcommand adds, or null.</summary>
    public static ColumnDef? AddedColumn(AlterTableCmd command) =>
        command.Subtype == AlterTableType.AtAddColumn ? command.Def?.ColumnDef : null;

    /// <summary>
    /// The column definition an <c>ADD COLUMN</c> subcommand adds, or null; also null for
    /// <c>ADD COLUMN IF NOT EXISTS</c> of a column the catalog knows the table already has, which
    /// PostgreSQL skips (no rewrite, no scan, no index; the lock is still taken). A table the catalog
    /// does not know is never assumed to have the column.
    /// </summary>
    public static ColumnDef? AddedColumn(NodeContext<AlterTableCmd> context)
    {
        if (AddedColumn(context.Node) is not { } column)
        {
            return null;
        }

        return context.Node.MissingOk
            && context.FindAncestor<AlterTableStmt>()?.Relation is { } relation
            && context.Catalog.FindTable(relation.ToQualifiedName())?.FindColumn(column.Colname) is not null
            ? null
            : column;
    }

    /// <summary>The constraint an <c>ADD CONSTRAINT</c> subcommand adds, or null.</summary>
    public static Constraint? AddedConstraint(AlterTableCmd command) =>
        command.Subtype is AlterTableType.AtAddConstraint or AlterTableType.AtAddConstraintRecurse ? command.Def?.Constraint : null;

    /// <summary>The constraints declared inline on a column (<c>NOT NULL</c>, <c>DEFAULT</c>, <c>REFERENCES</c>, …).</summary>
    public static IEnumerable<Constraint> Constraints(ColumnDef column) =>
        column.Constraints.Select(static c => c.Constraint).OfType<Constraint>();

    /// <summary>The name to show for a constraint: its own, or what it is.</summary>
    public static string Describe(Constraint constraint, string kind) =>
        constraint.Conname.Length > 0 ? $"{kind} {QualifiedName.Quote(constraint.Conname)}" : $"a {kind}";
}
