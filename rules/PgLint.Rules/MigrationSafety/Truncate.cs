using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1022: <c>TRUNCATE</c> deletes every row at once under an <c>ACCESS EXCLUSIVE</c> lock (it must
/// first wait for every query on the table), and the data is gone once the transaction commits.
/// <c>CASCADE</c> also empties every table that references it through a foreign key, which is easy
/// to underestimate: it is reported as an error.
/// </summary>
/// <remarks>Not reported: tables created earlier in the same file.</remarks>
public sealed class Truncate : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1022",
        "truncate",
        "Do not truncate tables in migrations",
        "TRUNCATE {0} deletes every row{1} under an ACCESS EXCLUSIVE lock that blocks all reads and writes.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "TRUNCATE deletes all rows irreversibly under ACCESS EXCLUSIVE; CASCADE also empties every table that references it.",
        options: TableSize.Options,
        hazard: new(LockMode.AccessExclusive, TableEffect.DataLoss));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Root.TruncateStmt is not { } truncate)
        {
            return;
        }

        var existing = truncate.Relations
            .Select(static r => r.RangeVar?.ToQualifiedName())
            .OfType<QualifiedName>()
            .Where(name => !context.Migration.IsNew(context.Catalog.FindTable(name)))
            .ToList();
        if (existing.Count == 0)
        {
            return;
        }

        var cascade = truncate.Behavior == PgQuery.DropBehavior.DropCascade;
        var diagnostic = Diagnostic.Create(
            Rule,
            Location.Create(context.Document.Source, context.Statement.Span),
            string.Join(", ", existing),
            cascade ? " of it and of every table that references it (CASCADE)" : string.Empty);
        context.ReportDiagnostic(cascade ? diagnostic.WithSeverity(Severity.Error) : TableSize.Scale(context, Rule, diagnostic, existing));
    }
}
