using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Indexes;

/// <summary>
/// PG4010: before PostgreSQL 10, hash indexes were not WAL-logged. After a crash they may be corrupt
/// and need a <c>REINDEX</c>, and they are never replicated: on a streaming standby the index is
/// useless (and queries that use it after a failover return wrong results). From version 10 on, hash
/// indexes are crash-safe and replicated like any other.
/// </summary>
/// <remarks>Only reported when the target version is below 10.</remarks>
public sealed class HashIndexPrePg10 : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG4010",
        "hash-index-pre-pg10",
        "Do not create hash indexes before PostgreSQL 10",
        "Hash index {0} is not WAL-logged before PostgreSQL 10 (target {1}): it must be rebuilt with REINDEX after a crash and is not replicated to standbys; use a btree index.",
        RuleCategory.Indexes,
        Severity.Warning,
        description: "Hash indexes are not crash-safe or replicated before PostgreSQL 10.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<IndexStmt>(Analyze);

    private static void Analyze(NodeContext<IndexStmt> context)
    {
        var index = context.Node;
        if (!string.Equals(index.AccessMethod, "hash", StringComparison.OrdinalIgnoreCase) || context.Migration.TargetVersion.IsAtLeast(10))
        {
            return;
        }

        var name = index.Idxname.Length > 0 ? QualifiedName.Quote(index.Idxname) : $"on {index.Relation.ToQualifiedName()}";
        context.ReportOnStatement(Rule, name, context.Migration.TargetVersion);
    }
}
