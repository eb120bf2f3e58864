using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1023: a statement that needs a lock blocking reads or writes (<c>SHARE</c> and stronger) waits
/// for as long as any conflicting transaction runs, since <c>lock_timeout</c> is 0 (off) by default.
/// While it waits, its request sits in the table's lock queue and every later conflicting request
/// queues behind it: behind a waiting <c>ACCESS EXCLUSIVE</c>, even a plain <c>SELECT</c> waits. A
/// <c>SET lock_timeout</c> before the first such statement bounds the wait.
/// </summary>
/// <remarks>
/// Reported once per file, at the first such statement on an existing table, and at every
/// <c>SET lock_timeout</c> to zero. Not reported: locks on tables created earlier in the same file,
/// locks that block neither reads nor writes (<c>CREATE INDEX CONCURRENTLY</c>, <c>VACUUM</c>), and
/// a <c>SET LOCAL lock_timeout</c> counts only inside the transaction block it was set in. Timeouts
/// set where PgLint cannot see them (<c>set_config()</c>, <c>PGOPTIONS</c>, role settings) are unknown,
/// and a <c>SET</c> undone by <c>ROLLBACK</c> still counts.
/// </remarks>
public sealed class RequireLockTimeout : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1023",
        "require-lock-timeout",
        "Set a lock timeout before taking locks that block reads or writes",
        "{0}, so {1}.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "Without lock_timeout a statement waits for its lock indefinitely, and every later query that conflicts with the waiting request queues behind it; SET lock_timeout before the first statement that takes a SHARE or stronger lock.");

    private const string DefaultTimeout = "2s";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDocumentStartAction(static start =>
        {
            var timeout = new TimeoutSetting();
            start.RegisterStatementAction(context => Analyze(context, timeout));
        });
    }

    private static void Analyze(StatementContext context, TimeoutSetting timeout)
    {
        var transaction = context.Migration.Transaction;
        if (context.Root.VariableSetStmt is { } set && set.Name.Equals("lock_timeout", StringComparison.OrdinalIgnoreCase))
        {
            if (timeout.Apply(set, transaction) == false)
            {
                context.ReportOnStatement(Rule, "SET lock_timeout = 0 turns the lock timeout off", "the statements after it wait for their locks indefinitely while other queries queue behind them");
            }

            return;
        }

        if (timeout.Reported || timeout.IsInForce(transaction))
        {
            return;
        }

        var blockingLocks = Locks.Acquired(context.Root, context.Catalog)
            .Where(l => l.Mode.BlocksWrites() && !IsNew(context, l))
            .OrderByDescending(static l => l.Mode)
            .ToList();
        if (blockingLocks is not [var blocking, ..])
        {
            return;
        }

        timeout.Reported = true;
        var article = blocking.Mode is LockMode.AccessExclusive or LockMode.Exclusive ? "an" : "a";
        var queued = blocking.Mode.BlocksReads() ? $"all queries on {blocking.Relation}" : $"all writes to {blocking.Relation}";
        context.Report(
            Rule,
            context.Statement.Span,
            timeout.SeenAny ? null : SetTimeoutAtTop(context),
            $"This statement takes {article} {blocking.Mode.ToSql()} lock on {blocking.Relation} with no lock_timeout set",
            $"{queued} queue behind it for as long as it waits for that lock");
    }

    private static bool IsNew(StatementContext context, RelationLock relationLock) =>
        context.Migration.IsNew(relationLock.Kind == LockedRelationKind.Index
            ? context.Catalog.FindIndex(relationLock.Relation)
            : context.Catalog.FindTable(relationLock.Relation));

    private static Fix SetTimeoutAtTop(StatementContext context)
    {
        var newLine = context.Document.Source.Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        return new Fix(
            $"Insert SET lock_timeout = '{DefaultTimeout}' at the top of the file (a lock not granted in time then fails the migration instead of blocking the table)",
            [TextEdit.Insert(0, $"SET lock_timeout = '{DefaultTimeout}';{newLine}")],
            FixSafety.Unsafe);
    }
}
