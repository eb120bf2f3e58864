using System.Collections.Immutable;
using System.Text;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1045: <c>CREATE INDEX</c> on a partitioned table builds the index on every partition in one
/// statement, holding a <c>SHARE</c> lock on the parent and each partition until the last build ends; it
/// cannot be <c>CONCURRENTLY</c>. Create the parent's index <c>ON ONLY</c> the parent (instant, invalid
/// until complete), build each partition's index <c>CONCURRENTLY</c>, and attach each with
/// <c>ALTER INDEX … ATTACH PARTITION</c>; the parent's index becomes valid when every partition has one.
/// </summary>
/// <remarks>
/// Not reported: <c>CREATE INDEX … ON ONLY</c>; partitioned tables created earlier in the same file; tables the
/// catalog does not know as partitioned. The fix is offered for a named index when the catalog knows the
/// partitions and none of them is itself partitioned; it is unsafe, because partitions the catalog does not know
/// would leave the parent's index invalid.
/// </remarks>
public sealed class IndexOnPartitionedTable : Analyzer
{
    private const int MaxIdentifierBytes = 63;

    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1045",
        "index-on-partitioned-table",
        "Index partitioned tables partition by partition",
        "Creating {0} on partitioned table {1} cannot be done concurrently: it holds a SHARE lock that blocks writes to {1} and every partition until the index of the last partition is built.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "CREATE INDEX on a partitioned table locks the parent and every partition in SHARE mode for all builds; create it ON ONLY the parent, build each partition's index CONCURRENTLY and attach it.",
        hazard: new MigrationHazard(LockMode.Share, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<IndexStmt>(Analyze);

    private static void Analyze(NodeContext<IndexStmt> context)
    {
        var index = context.Node;
        if (index.Relation is not { Inh: true } relation || context.Parent is not null
            || context.Catalog.FindTable(relation.ToQualifiedName()) is not { Kind: RelationKind.PartitionedTable } table
            || context.Migration.IsNew(table))
        {
            return;
        }

        var statement = context.Statement;
        var nameSpan = statement.GetQualifiedNameSpan(relation.Location);
        var location = TextSpan.FromBounds(statement.Span.Start, nameSpan.End);
        var indexName = index.Idxname.Length > 0 ? "index " + QualifiedName.Quote(index.Idxname) : "an index";
        context.Report(Rule, location, FixFor(context, table, nameSpan), indexName, relation.ToQualifiedName().ToString());
    }

    /// <summary>
    /// <c>CREATE INDEX name ON ONLY parent …</c>, then for each partition <c>CREATE INDEX CONCURRENTLY … ON partition …</c>
    /// and <c>ALTER INDEX name ATTACH PARTITION …</c>.
    /// </summary>
    private static Fix? FixFor(NodeContext<IndexStmt> context, Table table, TextSpan nameSpan)
    {
        var index = context.Node;
        var partitions = context.Catalog.PartitionsOf(table).OrderBy(static p => p.Name.Name, StringComparer.Ordinal).ToList();
        if (index.Idxname.Length == 0 || index.Concurrent || index.IfNotExists || partitions.Count == 0
            || partitions.Any(static p => p.Kind == RelationKind.PartitionedTable)
            || context.Statement.FindKeyword(Token.Index) is not { } keyword)
        {
            return null;
        }

        var source = context.Document.Source;
        var statement = context.Statement.Span;
        var head = source.ToString(TextSpan.FromBounds(statement.Start, keyword.End));
        var indexNameSpan = TextSpan.FromBounds(keyword.End, nameSpan.Start);
        var between = source.ToString(indexNameSpan);
        var tail = source.ToString(TextSpan.FromBounds(nameSpan.End, statement.End));
        var parentIndex = QualifiedName.Quote(index.Idxname);
        // Names are schema-qualified when the statement qualifies the table.
        var qualify = context.Node.Relation.Schemaname.Length > 0;
        var schema = qualify && table.Name.Schema is { } s ? QualifiedName.Quote(s) + "." : string.Empty;

        var text = new StringBuilder();
        text.Append(head).Append(between).Append("ONLY ").Append(source.ToString(nameSpan)).Append(tail);
        foreach (var partition in partitions)
        {
            var name = index.Idxname.StartsWith(table.Name.Name, StringComparison.Ordinal)
                ? partition.Name.Name + index.Idxname[table.Name.Name.Length..]
                : $"{partition.Name.Name}_{index.Idxname}";
            if (Encoding.UTF8.GetByteCount(name) > MaxIdentifierBytes)
            {
                return null;
            }

            // A partition's index lives in the partition's schema.
            var partitionSchema = qualify && partition.Name.Schema is { } ps ? QualifiedName.Quote(ps) + "." : string.Empty;
            text.Append(";\n").Append(head).Append(" CONCURRENTLY ").Append(QualifiedName.Quote(name))
                .Append(" ON ").Append(partitionSchema).Append(QualifiedName.Quote(partition.Name.Name)).Append(tail);
            text.Append(";\nALTER INDEX ").Append(schema).Append(parentIndex).Append(" ATTACH PARTITION ").Append(partitionSchema).Append(QualifiedName.Quote(name));
        }

        return new Fix(
            "Create the index ON ONLY the parent, build it on each partition concurrently and attach it (outside a transaction block)",
            [new TextEdit(statement, text.ToString())],
            FixSafety.Unsafe,
            validInTransactionBlock: false);
    }
}
