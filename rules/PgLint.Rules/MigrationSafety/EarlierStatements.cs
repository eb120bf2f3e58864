using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// What earlier statements of a migration set said about NOT NULL columns and CHECK constraints of tables
/// the catalog does not know (created before the migration set begins). The catalog answers for the tables it
/// knows (it also follows renames and drops); these notes let a rule see, for the others, a
/// <c>CHECK (…) NOT VALID</c> + <c>VALIDATE CONSTRAINT</c> or a <c>SET NOT NULL</c> earlier in the set.
/// </summary>
/// <remarks>
/// One instance per migration set. A statement's own subcommands are not visible to rules that run on it:
/// the notes take in a statement when the next one starts.
/// </remarks>
internal sealed class EarlierStatements
{
    private readonly Dictionary<QualifiedName, TableNotes> _tables = [];
    private Node? _pending;

    /// <summary>Registers the bookkeeping with a migration set's start context and returns the set's notes.</summary>
    public static EarlierStatements Track(MigrationSetStartContext start)
    {
        var notes = new EarlierStatements();
        start.RegisterStatementAction(notes.Begin);
        return notes;
    }

    /// <summary>The notes on a table, as it is named in a statement (an empty set of notes when none).</summary>
    public TableNotes For(RangeVar relation) => _tables.GetValueOrDefault(relation.ToQualifiedName()) ?? TableNotes.Empty;

    private void Begin(StatementContext context)
    {
        if (_pending?.AlterTableStmt is { Relation: { } relation, Objtype: ObjectType.ObjectTable } alter)
        {
            var name = relation.ToQualifiedName();
            if (!_tables.TryGetValue(name, out var notes))
            {
                _tables[name] = notes = new TableNotes();
            }

            foreach (var command in alter.Cmds.Select(static c => c.AlterTableCmd).OfType<AlterTableCmd>())
            {
                notes.Apply(command);
            }
        }

        _pending = context.Root;
    }

    /// <summary>NOT NULL columns and CHECK constraints one table got from earlier statements.</summary>
    internal sealed class TableNotes
    {
        private readonly HashSet<string> _notNull = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (Node Expression, bool Validated)> _checks = new(StringComparer.Ordinal);

        /// <summary>No notes.</summary>
        public static TableNotes Empty { get; } = new();

        /// <summary>Columns set NOT NULL (or added NOT NULL) by earlier statements.</summary>
        public IReadOnlySet<string> NotNullColumns => _notNull;

        /// <summary>The expressions of CHECK constraints added by earlier statements and validated since (or added valid).</summary>
        public IEnumerable<Node> ValidatedChecks => _checks.Values.Where(static c => c.Validated).Select(static c => c.Expression);

        /// <summary>True when a validated <c>CHECK (column IS NOT NULL)</c> was added by earlier statements.</summary>
        public bool HasValidatedNotNullCheck(string column) =>
            ValidatedChecks.Any(c => c.NullTest is { Nulltesttype: NullTestType.IsNotNull, Arg.ColumnRef: { } tested } && tested.Fields.LastOrDefault().AsString() == column);

        public void Apply(AlterTableCmd command)
        {
            switch (command.Subtype)
            {
                case AlterTableType.AtSetNotNull:
                    _notNull.Add(command.Name);
                    break;
                case AlterTableType.AtDropNotNull:
                    _notNull.Remove(command.Name);
                    break;
                case AlterTableType.AtAddColumn when command.Def?.ColumnDef is { } column
                    && (column.IsNotNull || column.Constraints.Any(static c => c.Constraint?.Contype is ConstrType.ConstrNotnull or ConstrType.ConstrPrimary)):
                    _notNull.Add(column.Colname);
                    break;
                case AlterTableType.AtAddConstraint or AlterTableType.AtAddConstraintRecurse when command.Def?.Constraint is { } constraint:
                    if (constraint is { Contype: ConstrType.ConstrCheck, RawExpr: { } expression })
                    {
                        _checks[constraint.Conname.Length > 0 ? constraint.Conname : $"#{_checks.Count}"] = (expression, !constraint.SkipValidation);
                    }
                    else if (constraint.Contype == ConstrType.ConstrPrimary)
                    {
                        _notNull.UnionWith(constraint.Keys.Select(static k => k.AsString()).OfType<string>());
                    }

                    break;
                case AlterTableType.AtValidateConstraint or AlterTableType.AtValidateConstraintRecurse when _checks.TryGetValue(command.Name, out var check):
                    _checks[command.Name] = (check.Expression, true);
                    break;
                case AlterTableType.AtDropConstraint or AlterTableType.AtDropConstraintRecurse:
                    _checks.Remove(command.Name);
                    break;
            }
        }
    }
}
