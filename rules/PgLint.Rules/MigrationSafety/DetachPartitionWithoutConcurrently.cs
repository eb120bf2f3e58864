using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1032: <c>ALTER TABLE … DETACH PARTITION</c> takes an <c>ACCESS EXCLUSIVE</c> lock on the
/// partitioned table, so every query on any partition waits. Since PostgreSQL 14,
/// <c>DETACH PARTITION … CONCURRENTLY</c> takes only <c>SHARE UPDATE EXCLUSIVE</c> on the parent and
/// runs in two transactions; it cannot run inside a transaction block, nor when the table has a
/// default partition.
/// </summary>
/// <remarks>
/// Not reported: a target PostgreSQL before 14, which has no concurrent form; a parent created earlier
/// in the same file; <c>DETACH PARTITION … FINALIZE</c>, which completes a concurrent detach.
/// </remarks>
public sealed class DetachPartitionWithoutConcurrently : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1032",
        "detach-partition-without-concurrently",
        "Detach partitions concurrently",
        "Detaching {0} from {1} without CONCURRENTLY holds an ACCESS EXCLUSIVE lock on {1} that blocks every query on all its partitions.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "DETACH PARTITION without CONCURRENTLY blocks all reads and writes of the partitioned table; DETACH PARTITION CONCURRENTLY (PostgreSQL 14 and later) does not.",
        hazard: new(LockMode.AccessExclusive, TableEffect.MetadataOnly));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (context.Node is not { Subtype: AlterTableType.AtDetachPartition, Def.PartitionCmd: { Concurrent: false } detach }
            || context.FindAncestor<AlterTableStmt>() is not { } alter
            || !context.Migration.TargetVersion.IsAtLeast(14)
            || context.Migration.IsNew(context.Catalog.FindTable(alter.Relation.ToQualifiedName())))
        {
            return;
        }

        var partitionName = context.Statement.GetQualifiedNameSpan(detach.Name.Location);
        var fix = new Fix(
            "Append CONCURRENTLY (the statement must then run outside a transaction block, and the table must have no default partition)",
            [TextEdit.Insert(partitionName.End, " CONCURRENTLY")],
            FixSafety.Unsafe,
            validInTransactionBlock: false);
        context.Report(Rule, context.Statement.Span, fix, detach.Name.ToQualifiedName().ToString(), alter.Relation.ToQualifiedName().ToString());
    }
}
