using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1026: <c>VACUUM FULL</c> and <c>CLUSTER</c> write a new copy of the table and of all its indexes
/// while holding an <c>ACCESS EXCLUSIVE</c> lock: nothing can read or write the table until the copy
/// is done, and the disk must hold both copies meanwhile. To give space back online, extensions such
/// as pg_repack or pg_squeeze rebuild the table without the long lock.
/// </summary>
/// <remarks>
/// Not reported: plain <c>VACUUM</c> (and <c>VACUUM (FULL false)</c>), which takes only
/// <c>SHARE UPDATE EXCLUSIVE</c>; <c>CLUSTER … ON</c> / <c>SET WITHOUT CLUSTER</c> (an <c>ALTER TABLE</c>
/// that only records the index).
/// </remarks>
public sealed class VacuumFullOrCluster : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1026",
        "vacuum-full-or-cluster",
        "Do not rewrite tables with VACUUM FULL or CLUSTER during a deploy",
        "{0} rewrites {1} and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes until the rewrite ends.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "VACUUM FULL and CLUSTER copy the whole table and rebuild its indexes while holding ACCESS EXCLUSIVE, so every query on the table waits; online tools such as pg_repack avoid the long lock.",
        hazard: new(LockMode.AccessExclusive, TableEffect.Rewrite));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Root.VacuumStmt is { IsVacuumcmd: true } vacuum && vacuum.Options.IsOptionOn("full"))
        {
            var tables = vacuum.Rels.Select(static r => r.VacuumRelation?.Relation?.ToQualifiedName().ToString()).OfType<string>().ToList();
            context.ReportOnStatement(Rule, "VACUUM FULL", tables.Count == 0 ? "every table of the database" : string.Join(", ", tables));
        }
        else if (context.Root.ClusterStmt is { } cluster)
        {
            context.ReportOnStatement(Rule, "CLUSTER", cluster.Relation?.ToQualifiedName().ToString() ?? "every previously clustered table");
        }
    }
}
