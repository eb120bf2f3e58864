using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Reporting.Tests;

/// <summary>An analyzer of one rule.</summary>
internal abstract class TestAnalyzer(DiagnosticDescriptor rule) : Analyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [rule];
}

/// <summary>Reports every index creation at its table, with an unsafe fix that inserts CONCURRENTLY.</summary>
internal sealed class IndexAnalyzer() : TestAnalyzer(Rule)
{
    public static readonly DiagnosticDescriptor Rule = new(
        "TST1001",
        "index-creation",
        "Create indexes concurrently",
        "Creating an index on {0} blocks writes to the table until it is built.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "A plain CREATE INDEX holds a SHARE lock on the table for the whole build.",
        tags: ["locking"]);

    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<IndexStmt>(static ctx =>
        {
            const string Keywords = "CREATE INDEX ";
            var statement = ctx.Statement;
            var fix = statement.Text.StartsWith(Keywords, StringComparison.OrdinalIgnoreCase)
                ? new Fix("Insert CONCURRENTLY", [TextEdit.Insert(statement.Span.Start + Keywords.Length, "CONCURRENTLY ")], FixSafety.Unsafe, validInTransactionBlock: false)
                : null;
            ctx.ReportDiagnostic(Diagnostic.Create(
                Rule,
                Location.Create(ctx.Document.Source, ctx.GetSpan(ctx.Node.Relation.Location)),
                fix is null ? null : [fix],
                new Dictionary<string, string> { ["lockMode"] = "Share" },
                ctx.Node.Relation.Relname));
        });
}

/// <summary>Reports every GRANT as a security error on the whole statement, naming the table as a logical location.</summary>
internal sealed class GrantAnalyzer() : TestAnalyzer(Rule)
{
    public static readonly DiagnosticDescriptor Rule =
        new("TST5001", "grant", "Review privileges", "GRANT changes who can read or write {0}.", RuleCategory.Security, Severity.Error);

    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<GrantStmt>(static ctx =>
        {
            var table = ctx.Node.Objects.Select(static o => o.RangeVar).FirstOrDefault(static r => r is not null);
            var name = table is null ? "the objects" : (string.IsNullOrEmpty(table.Schemaname) ? "public" : table.Schemaname) + "." + table.Relname;
            var logical = table is null ? null : new LogicalLocation("table", name);
            ctx.ReportDiagnostic(Diagnostic.Create(Rule, Location.Create(ctx.Document.Source, ctx.Statement.Span, logical), name));
        });
}

/// <summary>Reports <c>*</c> in a select list as information.</summary>
internal sealed class StarAnalyzer() : TestAnalyzer(Rule)
{
    public static readonly DiagnosticDescriptor Rule =
        new("TST6001", "select-star", "List the columns", "SELECT * returns whatever columns the table has today.", RuleCategory.Correctness, Severity.Info);

    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<ColumnRef>(static ctx =>
        {
            if (ctx.Node.Fields.Any(static f => f.AStar is not null))
            {
                ctx.Report(Rule, ctx.GetSpan(ctx.Node.Location));
            }
        });
}

/// <summary>An opt-in rule that reports every DROP TABLE.</summary>
internal sealed class DropAnalyzer() : TestAnalyzer(Rule)
{
    public static readonly DiagnosticDescriptor Rule =
        new("TST7001", "drop-table", "Keep tables", "DROP TABLE loses data.", RuleCategory.Conventions, Severity.Warning, isEnabledByDefault: false,
            hazard: new MigrationHazard(LockMode.AccessExclusive, TableEffect.DataLoss));

    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<DropStmt>(static ctx => ctx.ReportOnStatement(Rule));
}

/// <summary>Throws on every UPDATE: the engine turns that into PG0002.</summary>
internal sealed class ThrowingAnalyzer() : TestAnalyzer(Rule)
{
    public static readonly DiagnosticDescriptor Rule = new("TST9001", "throws", "Throw", "Never reported.", RuleCategory.Correctness, Severity.Error);

    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<UpdateStmt>(static _ => throw new InvalidOperationException("boom"));
}
