using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Indexes;

/// <summary>
/// PG4008: a B-tree with many key columns is large, slow to maintain, and serves only queries that
/// filter on its leading columns; the trailing ones rarely help. Such indexes are usually written
/// to cover one query, where a narrower key with <c>INCLUDE (…)</c> columns for an index-only scan
/// does the same with a smaller tree.
/// </summary>
/// <remarks>
/// Not reported: unique indexes (the key is what must be unique), methods other than B-tree
/// (a GIN or BRIN index over several columns works differently), and <c>INCLUDE</c> columns,
/// which are not keys. The limit is the option <c>maximum</c> (default 3).
/// </remarks>
public sealed class WideIndex : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG4008",
        "wide-index",
        "Keep B-tree index keys narrow",
        "Index {0} has {1} key columns (more than {2}); move columns that only serve index-only scans to INCLUDE.",
        RuleCategory.Indexes,
        Severity.Info,
        description: "A non-unique B-tree with many key columns is large and slow to maintain; trailing keys rarely help and fit better in INCLUDE.",
        options: [new RuleOption("maximum", RuleOptionKind.Integer, 3, "The number of key columns a non-unique B-tree may have without a finding.")]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<IndexStmt>(Analyze);

    private static void Analyze(NodeContext<IndexStmt> context)
    {
        var index = context.Node;
        var maximum = context.Options.GetInt32(Rule, "maximum");
        if (index.Unique || (index.AccessMethod.Length > 0 && index.AccessMethod != "btree") || index.IndexParams.Count <= maximum)
        {
            return;
        }

        var name = index.Idxname.Length > 0 ? QualifiedName.Quote(index.Idxname) : "on " + index.Relation.ToQualifiedName();
        context.ReportOnStatement(Rule, name, index.IndexParams.Count, maximum);
    }
}
