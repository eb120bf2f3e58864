using System.Collections.Immutable;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Analysis.Tests;

/// <summary>Records what the engine dispatches, in order, and reports every index creation.</summary>
internal sealed class RecordingAnalyzer : Analyzer
{
    public static readonly DiagnosticDescriptor IndexSeen = new("TST001", "index-seen", "Index seen", "Index on {0} ({1}).", "test", Severity.Warning);

    public List<string> Events { get; } = [];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [IndexSeen];

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterMigrationSetStartAction(set =>
        {
            Events.Add("set-start " + set.Set.Paths.Length);
            set.RegisterDocumentStartAction(document => Events.Add("doc-start " + document.Document.Index));
            set.RegisterMigrationSetEndAction(_ => Events.Add("set-end"));
        });
        context.RegisterStatementAction(statement => Events.Add("statement " + statement.Statement.Text));
        context.RegisterNodeAction<RangeVar>(node => Events.Add($"range-var {node.Node.Relname} under {node.Parent?.FieldName}"));
        context.RegisterNodeAction<IndexStmt>(node =>
        {
            var table = node.Catalog.FindTable(node.Node.Relation.ToQualifiedName());
            node.Report(IndexSeen, node.GetSpan(node.Node.Relation.Location), node.Node.Relation.Relname, node.Migration.IsNew(table) ? "new" : "existing");
        });
        context.RegisterDocumentEndAction(document => Events.Add("doc-end " + document.Document.Index));
    }
}

/// <summary>Throws on every SELECT.</summary>
internal sealed class ThrowingAnalyzer : Analyzer
{
    public static readonly DiagnosticDescriptor Never = new("TST002", "throws", "Throws", "Never reported.", "test", Severity.Error);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Never];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(static _ => throw new InvalidOperationException("boom"));
}

/// <summary>Reports the transaction state of every statement as a message.</summary>
internal sealed class TransactionProbe : Analyzer
{
    public static readonly DiagnosticDescriptor State = new("TST003", "tx", "Transaction", "{0} {1} {2}.", "test", Severity.Info);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [State];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(static s => s.ReportOnStatement(State, s.Migration.Transaction.Mode, s.Migration.Transaction.Id, s.Migration.Transaction.StatementsBefore));
}

/// <summary>Counts statements per file with state held by a document start action.</summary>
internal sealed class PerFileCounter : Analyzer
{
    public static readonly DiagnosticDescriptor Count = new("TST004", "count", "Count", "{0} statements.", "test", Severity.Info, isEnabledByDefault: false,
        options: [new RuleOption("minimum", RuleOptionKind.Integer, 0, "Report only at or above this count.")]);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Count];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static set => set.RegisterDocumentStartAction(static start =>
        {
            var count = 0;
            start.RegisterStatementAction(_ => count++);
            start.RegisterDocumentEndAction(end =>
            {
                if (count >= end.Options.GetInt32(Count, "minimum"))
                {
                    end.Report(Count, new TextSpan(0, 0), count);
                }
            });
        }));
}

/// <summary>Reports, at the end of a set, how many tables it created, located nowhere.</summary>
internal sealed class SetSummaryAnalyzer : Analyzer
{
    public static readonly DiagnosticDescriptor Tables = new("TST005", "tables", "Tables", "{0} tables.", "test", Severity.Info);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Tables];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static set => set.RegisterMigrationSetEndAction(static end =>
            end.ReportDiagnostic(Diagnostic.Create(Tables, Location.None, end.Catalog.Tables.Count()))));
}

internal static class Lint
{
    public static LintResult Run(IEnumerable<Analyzer> analyzers, IEnumerable<RuleDirective>? directives = null, bool assumeInTransaction = false, params string[] files)
    {
        var settings = new LintSettings(new RuleRegistry(analyzers), directives, assumeInTransaction: assumeInTransaction);
        var sources = files.Select(static (f, i) => SourceText.From(f, $"{i + 1:0000}_m.sql")).ToList();
        return new LintEngine(settings).Run([new MigrationSetInput("set", sources)]);
    }
}
