using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1025: a lock is held until the transaction ends. Once a statement has taken <c>ACCESS
/// EXCLUSIVE</c> on an existing table, every query on that table — plain <c>SELECT</c>s included —
/// waits not for that statement but for every later statement of the transaction: a backfill, an
/// index build, a lock wait on another table. Statements that need the lock should come last, or the
/// transaction be split so that the strong lock is held only briefly.
/// </summary>
/// <remarks>
/// Reported at the statement that takes the lock, once per statement, when at least one later
/// statement of the same transaction block does real work: changes or reads rows, scans or rewrites a
/// table, builds an index on an existing table, or locks another existing table (and may wait for
/// it). A <c>VALIDATE CONSTRAINT</c> (PG1010) or a backfill (PG1038) of the held table is left to
/// those rules. Not reported: statements outside a transaction block, tables created earlier in the
/// file, and later statements that only change the catalog (<c>COMMENT</c>, <c>GRANT</c>, a nullable
/// column, <c>SET</c>, a trigger or function definition, <c>INSERT … VALUES</c>…) and lock nothing
/// beyond the tables already held. No fix: splitting the transaction changes what a failure rolls back.
/// </remarks>
public sealed class StatementWhileHoldingAccessExclusive : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1025",
        "statement-while-holding-access-exclusive",
        "Do not run further work while holding an ACCESS EXCLUSIVE lock",
        "This statement takes ACCESS EXCLUSIVE on {0}, and the transaction does more work before it commits ({1}, from line {2}): every query on {0} waits for all of it.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "An ACCESS EXCLUSIVE lock is held until the end of the transaction: every later statement of the transaction extends the time all queries on the table wait. Take the lock last, or commit before the other work.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDocumentStartAction(static start =>
        {
            var work = new Dictionary<SqlStatement, List<SqlStatement>>();
            start.RegisterStatementAction(context => Analyze(context, work));
            start.RegisterDocumentEndAction(context => Report(context, work));
        });
    }

    private static void Analyze(StatementContext context, Dictionary<SqlStatement, List<SqlStatement>> work)
    {
        var held = context.Migration.HeldLocks.Where(static h => h.Mode == LockMode.AccessExclusive).ToList();
        if (held.Count == 0 || !context.Migration.Transaction.InTransactionBlock || !DoesWork(context, held))
        {
            return;
        }

        foreach (var takenBy in held.Select(static h => h.TakenBy).Distinct())
        {
            if (!work.TryGetValue(takenBy, out var statements))
            {
                work[takenBy] = statements = [];
            }

            statements.Add(context.Statement);
        }
    }

    private static bool DoesWork(StatementContext context, List<HeldLock> held)
    {
        if (IsReportedElsewhere(context, held))
        {
            return false;
        }

        var locksOthers = Locks.Acquired(context.Root, context.Catalog).Any(l =>
            l.Kind == LockedRelationKind.Table
            && !held.Any(h => h.Table == l.Relation)
            && !context.Migration.IsNew(context.Catalog.FindTable(l.Relation)));
        return locksOthers || !MigrationStatements.IsCatalogOnly(context.Root, context.Migration, context.Catalog);
    }

    /// <summary>A VALIDATE (PG1010) or a backfill (PG1038) of a held table has its own rule.</summary>
    private static bool IsReportedElsewhere(StatementContext context, List<HeldLock> held)
    {
        var root = context.Root;
        var target = root.AlterTableStmt is { } alter
            && alter.Cmds.All(static c => c.AlterTableCmd?.Subtype is AlterTableType.AtValidateConstraint or AlterTableType.AtValidateConstraintRecurse)
            ? alter.Relation
            : root.UpdateStmt?.Relation ?? root.DeleteStmt?.Relation ?? root.MergeStmt?.Relation
                ?? (root.InsertStmt?.SelectStmt?.SelectStmt is { ValuesLists.Count: 0 } ? root.InsertStmt.Relation : null);
        if (target is null)
        {
            return false;
        }

        var table = context.Catalog.FindTable(target.ToQualifiedName())?.Name ?? target.ToQualifiedName();
        return held.Any(h => h.Table == table && MigrationStatements.IsSchemaChange(h.TakenBy.Root!));
    }

    private static void Report(DocumentContext context, Dictionary<SqlStatement, List<SqlStatement>> work)
    {
        foreach (var (takenBy, statements) in work.OrderBy(static w => w.Key.Ordinal))
        {
            var transaction = context.LockFootprint.FindTransaction(takenBy.Span);
            var tables = transaction?.Locks
                .Where(h => h.TakenBy == takenBy && h.Mode == LockMode.AccessExclusive)
                .Select(static h => h.Table.ToString())
                .ToList() ?? [];
            if (tables.Count == 0)
            {
                continue;
            }

            var count = statements.Count == 1 ? "1 statement" : $"{statements.Count} statements";
            context.Report(Rule, takenBy.Span, string.Join(", ", tables), count, MigrationStatements.Line(statements[0]));
        }
    }
}
