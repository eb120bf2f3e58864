using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>The fix shared by PG1008 and PG1009: split an <c>ADD CONSTRAINT</c> into <c>NOT VALID</c> and <c>VALIDATE CONSTRAINT</c>.</summary>
internal static class NotValidFix
{
    /// <summary>
    /// Appends <c>NOT VALID</c> to the <c>ALTER TABLE … ADD CONSTRAINT</c> and adds
    /// <c>ALTER TABLE … VALIDATE CONSTRAINT name;</c> after it. An unnamed constraint is given the name
    /// PostgreSQL would give it (<see cref="Catalog.ImplicitConstraintName"/>), so that the
    /// <c>VALIDATE</c> can name it whatever the catalog does not know. Null when the <c>ALTER TABLE</c>
    /// has other subcommands (the <c>NOT VALID</c> would have no place at the statement's end) or the
    /// foreign key is added to a partitioned table (PostgreSQL 15 cannot add it <c>NOT VALID</c> there).
    /// </summary>
    public static Fix? For(NodeContext<AlterTableCmd> context, RangeVar table, Constraint constraint)
    {
        var alter = context.FindAncestor<AlterTableStmt>();
        if (alter is null || alter.Cmds.Count != 1 || constraint.Location < 0
            || (constraint.Contype == ConstrType.ConstrForeign && context.Catalog.FindTable(table.ToQualifiedName())?.Kind == RelationKind.PartitionedTable))
        {
            return null;
        }

        var name = constraint.Conname.Length > 0 ? constraint.Conname : context.Catalog.ImplicitConstraintName(table.ToQualifiedName(), constraint);
        if (name is null)
        {
            return null;
        }

        var statement = context.Statement;

        // The span ends at the last token that is not a comment: a comment before the semicolon stays after the VALIDATE.
        var quoted = QualifiedName.Quote(name);
        var tableText = context.Document.Source.ToString(statement.GetQualifiedNameSpan(table.Location));
        var target = (alter.MissingOk ? "IF EXISTS " : string.Empty) + (table.Inh ? string.Empty : "ONLY ") + tableText;
        List<TextEdit> edits = [];
        if (constraint.Conname.Length == 0)
        {
            edits.Add(TextEdit.Insert(statement.GetTokenSpan(constraint.Location).Start, $"CONSTRAINT {quoted} "));
        }

        edits.Add(TextEdit.Insert(statement.Span.End, $" NOT VALID;\nALTER TABLE {target} VALIDATE CONSTRAINT {quoted}"));

        // In one transaction block the VALIDATE runs under the ACCESS EXCLUSIVE lock the ADD took (PG1010): nothing is gained.
        return new Fix(
            "Add the constraint NOT VALID, then VALIDATE CONSTRAINT (in a separate transaction)",
            edits,
            context.Migration.Transaction.InTransactionBlock ? FixSafety.Unsafe : FixSafety.Safe,
            validInTransactionBlock: false);
    }
}
