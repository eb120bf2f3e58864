using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1024: once a statement has its lock, <c>lock_timeout</c> no longer applies: a statement that
/// holds <c>SHARE</c> or stronger on a busy table for longer than expected (a rewrite on a table that
/// grew, a scan behind a slow disk, a trigger doing work) blocks its readers or writers for as long
/// as it runs, since <c>statement_timeout</c> is 0 (off) by default. A <c>SET statement_timeout</c>
/// before the first such statement caps the outage.
/// </summary>
/// <remarks>
/// Off by default: many teams bound the deploy as a whole instead, or set the timeout on the role the
/// runner logs in as. Reported once per file, at the first statement that takes a lock blocking reads or
/// writes on an existing table with no <c>statement_timeout</c> in force, and at every
/// <c>SET statement_timeout</c> to zero. Not reported: locks on tables created earlier in the file and
/// locks that block neither reads nor writes. A <c>SET LOCAL</c> counts only in its own transaction
/// block; timeouts set outside the file (<c>PGOPTIONS</c>, role settings) are unknown.
/// </remarks>
public sealed class RequireStatementTimeout : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1024",
        "require-statement-timeout",
        "Set a statement timeout before holding locks that block reads or writes",
        "{0}, so {1}.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        isEnabledByDefault: false,
        description: "lock_timeout bounds only the wait for a lock; once granted, a statement holding a SHARE or stronger lock blocks other queries for as long as it runs. SET statement_timeout before the first such statement to cap that time.");

    private const string DefaultTimeout = "5min";

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
        if (context.Root.VariableSetStmt is { } set && set.Name.Equals("statement_timeout", StringComparison.OrdinalIgnoreCase))
        {
            if (timeout.Apply(set, transaction) == false)
            {
                context.ReportOnStatement(Rule, "SET statement_timeout = 0 turns the statement timeout off", "the statements after it may hold their locks for as long as they run");
            }

            return;
        }

        if (timeout.Reported || timeout.IsInForce(transaction))
        {
            return;
        }

        var blocking = Locks.Acquired(context.Root, context.Catalog)
            .Where(l => l.Mode.BlocksWrites() && !context.Migration.IsNew(l.Kind == LockedRelationKind.Index
                ? context.Catalog.FindIndex(l.Relation)
                : context.Catalog.FindTable(l.Relation)))
            .OrderByDescending(static l => l.Mode)
            .FirstOrDefault();
        if (blocking == default)
        {
            return;
        }

        timeout.Reported = true;
        var article = blocking.Mode is LockMode.AccessExclusive or LockMode.Exclusive ? "an" : "a";
        var blocked = blocking.Mode.BlocksReads() ? $"every query on {blocking.Relation}" : $"every write to {blocking.Relation}";
        context.Report(
            Rule,
            context.Statement.Span,
            timeout.SeenAny ? null : SetTimeoutAtTop(context),
            $"This statement takes {article} {blocking.Mode.ToSql()} lock on {blocking.Relation} with no statement_timeout set",
            $"{blocked} waits for as long as it runs, with no upper bound");
    }

    private static Fix SetTimeoutAtTop(StatementContext context)
    {
        var newLine = context.Document.Source.Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        return new Fix(
            $"Insert SET statement_timeout = '{DefaultTimeout}' at the top of the file (a statement that runs longer then fails the migration instead of blocking the table; choose a limit that fits the largest table)",
            [TextEdit.Insert(0, $"SET statement_timeout = '{DefaultTimeout}';{newLine}")],
            FixSafety.Unsafe);
    }
}
