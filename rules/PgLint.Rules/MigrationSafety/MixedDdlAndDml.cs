using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1047: a transaction that changes both the schema and the data holds the schema change's locks
/// while the data changes run, and a failure of either rolls back both. Teams that keep schema and data
/// migrations apart (separate files, separate deploy steps) turn this rule on to enforce it.
/// </summary>
/// <remarks>
/// Off by default. Reported once per transaction block, at the first statement that mixes the two kinds
/// (the first data change after a schema change, or the reverse). Data changes are <c>INSERT</c>,
/// <c>UPDATE</c>, <c>DELETE</c>, <c>MERGE</c> and <c>COPY … FROM</c>; <c>SET</c>, <c>COMMENT</c> and
/// <c>GRANT</c> are neither kind. Statements outside a transaction block are transactions of their own
/// and never mix.
/// </remarks>
public sealed class MixedDdlAndDml : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1047",
        "mixed-ddl-and-dml",
        "Keep schema changes and data changes in separate transactions",
        "This {0} runs in the same transaction as the {1} at line {2}: the schema change's locks are held while the data changes run, and a failure of either rolls back both.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        isEnabledByDefault: false,
        description: "A transaction with both schema and data changes holds the schema locks during the data changes and couples their rollback; keep them in separate transactions or files.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDocumentStartAction(static start =>
        {
            var state = new TransactionKinds();
            start.RegisterStatementAction(context => Analyze(context, state));
        });
    }

    private static void Analyze(StatementContext context, TransactionKinds state)
    {
        var transaction = context.Migration.Transaction;
        if (!transaction.InTransactionBlock)
        {
            return;
        }

        if (state.Transaction != transaction.Id)
        {
            state.Transaction = transaction.Id;
            state.FirstSchemaChange = null;
            state.FirstDataChange = null;
            state.Reported = false;
        }

        var isData = MigrationStatements.IsDataChange(context.Root);
        var isSchema = !isData && MigrationStatements.IsSchemaChange(context.Root);
        if (!isData && !isSchema)
        {
            return;
        }

        var line = MigrationStatements.Line(context.Statement);
        var other = isData ? state.FirstSchemaChange : state.FirstDataChange;
        if (other is { } earlier && !state.Reported)
        {
            state.Reported = true;
            context.ReportOnStatement(Rule, isData ? "data change" : "schema change", isData ? "schema change" : "data change", earlier);
        }

        if (isData)
        {
            state.FirstDataChange ??= line;
        }
        else
        {
            state.FirstSchemaChange ??= line;
        }
    }

    private sealed class TransactionKinds
    {
        public int Transaction { get; set; } = -1;

        public int? FirstSchemaChange { get; set; }

        public int? FirstDataChange { get; set; }

        public bool Reported { get; set; }
    }
}
