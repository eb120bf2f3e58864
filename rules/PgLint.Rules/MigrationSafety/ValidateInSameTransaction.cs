using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1010: <c>ADD CONSTRAINT … NOT VALID</c> followed by <c>VALIDATE CONSTRAINT</c> is the safe way to
/// add a check or foreign key only when the two run in separate transactions: the <c>ADD</c> takes a
/// brief strong lock (<c>ACCESS EXCLUSIVE</c> for a check, <c>SHARE ROW EXCLUSIVE</c> for a foreign key)
/// and the <c>VALIDATE</c> scans the table under <c>SHARE UPDATE EXCLUSIVE</c>, which blocks neither
/// reads nor writes. In one transaction the <c>ADD</c>'s lock is still held during the scan, so the
/// split gains nothing; the same holds after any other statement that took <c>ACCESS EXCLUSIVE</c> on
/// the table in that transaction.
/// </summary>
/// <remarks>
/// Not reported: a <c>VALIDATE</c> outside a transaction block, a table created earlier in the file,
/// and a constraint added <c>NOT VALID</c> in an earlier transaction whose locks are released.
/// </remarks>
public sealed class ValidateInSameTransaction : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1010",
        "validate-in-same-transaction",
        "Validate constraints in a transaction of their own",
        "VALIDATE CONSTRAINT {0} runs in the same transaction as {1}, whose {2} lock on {3} is held for the whole validation scan: {4} wait for it.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "VALIDATE CONSTRAINT only avoids blocking when the strong lock of ADD CONSTRAINT … NOT VALID (or of any ACCESS EXCLUSIVE statement on the table) has been released: commit before validating.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDocumentStartAction(static start =>
        {
            var added = new List<AddedNotValid>();
            start.RegisterStatementAction(context => Analyze(context, added));
        });
    }

    private static void Analyze(StatementContext context, List<AddedNotValid> added)
    {
        var transaction = context.Migration.Transaction;
        if (!transaction.InTransactionBlock
            || context.Root.AlterTableStmt is not { Objtype: ObjectType.ObjectTable, Relation: { } relation } alter)
        {
            return;
        }

        var known = context.Catalog.FindTable(relation.ToQualifiedName());
        if (context.Migration.IsNew(known))
        {
            return;
        }

        var table = known?.Name ?? relation.ToQualifiedName();
        foreach (var command in alter.Cmds.Select(static c => c.AlterTableCmd).OfType<AlterTableCmd>())
        {
            if (AlterTableCommands.AddedConstraint(command) is { SkipValidation: true } constraint && constraint.Conname.Length > 0)
            {
                added.Add(new AddedNotValid(transaction.Id, table, constraint.Conname, Line(context.Statement)));
            }
            else if (command.Subtype is AlterTableType.AtValidateConstraint or AlterTableType.AtValidateConstraintRecurse)
            {
                Validate(context, table, command.Name, added);
            }
        }
    }

    private static void Validate(StatementContext context, QualifiedName table, string constraint, List<AddedNotValid> added)
    {
        if (context.Migration.FindHeldLock(table) is not { } held)
        {
            return;
        }

        var id = context.Migration.Transaction.Id;
        var add = added.LastOrDefault(a => a.Transaction == id && a.Table == table && a.Constraint == constraint);
        string earlier;
        if (add is not null)
        {
            earlier = $"the ADD CONSTRAINT … NOT VALID at line {add.Line}";
        }
        else if (held.Mode == LockMode.AccessExclusive)
        {
            earlier = $"the statement at line {Line(held.TakenBy)}";
        }
        else
        {
            return;
        }

        var blocked = held.Mode.BlocksReads() ? $"all queries on {table}" : $"all writes to {table}";
        context.ReportOnStatement(Rule, QualifiedName.Quote(constraint), earlier, held.Mode.ToSql(), table, blocked);
    }

    private static int Line(PgLint.Syntax.SqlStatement statement) => statement.Source.GetLinePosition(statement.Span.Start).Line;

    private sealed record AddedNotValid(int Transaction, QualifiedName Table, string Constraint, int Line);
}
