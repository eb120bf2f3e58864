using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1001: <c>CREATE INDEX</c> without <c>CONCURRENTLY</c> takes a <c>SHARE</c> lock on its table for
/// the whole build. <c>SHARE</c> conflicts with the <c>ROW EXCLUSIVE</c> lock of every
/// <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c> and <c>MERGE</c>, so on a large table all writes wait for
/// minutes while the table is scanned and sorted. <c>CREATE INDEX CONCURRENTLY</c> takes
/// <c>SHARE UPDATE EXCLUSIVE</c>, which lets reads and writes go on.
/// </summary>
/// <remarks>
/// Not reported:
/// <list type="bullet">
/// <item>an index on a table created earlier in the same file: it is new and empty, nothing deployed writes to it;</item>
/// <item>an index on a partitioned table, which PostgreSQL cannot build concurrently (PG1045 covers it);</item>
/// <item>indexes built implicitly by <c>ADD PRIMARY KEY</c> / <c>ADD UNIQUE</c> (PG1011 covers them);</item>
/// <item><c>CREATE INDEX</c> as an element of <c>CREATE SCHEMA</c>, whose table is in the new schema.</item>
/// </list>
/// A table the catalog does not know is treated as existing.
/// </remarks>
public sealed class RequireConcurrentIndexCreation : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1001",
        "require-concurrent-index-creation",
        "Create indexes concurrently on existing tables",
        "Creating {0} on {1} without CONCURRENTLY holds a SHARE lock that blocks writes to {1} for the whole build.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "CREATE INDEX without CONCURRENTLY takes a SHARE lock that blocks every INSERT, UPDATE and DELETE on the table until the index is built; CREATE INDEX CONCURRENTLY does not block writes.",
        options: TableSize.Options,
        hazard: new(LockMode.Share, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<IndexStmt>(Analyze);

    private static void Analyze(NodeContext<IndexStmt> context)
    {
        var index = context.Node;
        if (index.Concurrent || index.Relation is null || context.Parent is not null)
        {
            return;
        }

        var table = context.Catalog.FindTable(index.Relation.ToQualifiedName());
        if (context.Migration.IsNew(table) || table?.Kind == RelationKind.PartitionedTable)
        {
            return;
        }

        // From CREATE to the table name: the part of the statement that says what is locked.
        var statement = context.Statement;
        var location = TextSpan.FromBounds(statement.Span.Start, statement.GetQualifiedNameSpan(index.Relation.Location).End);
        var indexName = index.Idxname.Length > 0 ? "index " + QualifiedName.Quote(index.Idxname) : "an index";
        var tableName = index.Relation.ToQualifiedName().ToString();
        var fix = ConcurrentlyFix.AfterIndexKeyword(context);
        var diagnostic = Diagnostic.Create(Rule, Location.Create(context.Document.Source, location), fix is null ? null : [fix], null, indexName, tableName);
        context.ReportDiagnostic(TableSize.Scale(context, Rule, diagnostic, index.Relation.ToQualifiedName()));
    }
}
