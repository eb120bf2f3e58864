using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1043: PostgreSQL 14.0 to 14.3 could build corrupt indexes with <c>CREATE INDEX CONCURRENTLY</c>
/// and <c>REINDEX CONCURRENTLY</c>: rows changed during the build (HOT chains) could be missing from
/// the index, so queries through it silently miss rows. 14.4 fixed it; indexes built concurrently on
/// the affected releases must be rebuilt (amcheck's <c>bt_index_check(…, heapallindexed =&gt; true)</c>
/// finds them).
/// </summary>
/// <remarks>
/// Reported when the target version is 14.1, 14.2 or 14.3 (<c>--pg-version 14.2</c>). A bare <c>14</c>
/// means the current 14.x, which has the fix, and <c>14.0</c> cannot be told apart from it, so 14.0 is
/// not reported.
/// </remarks>
public sealed class ConcurrentIndexOnPg14Bug : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1043",
        "concurrent-index-on-pg14-bug",
        "Upgrade to PostgreSQL 14.4 or later before building indexes concurrently",
        "PostgreSQL {0} can build a corrupt index with {1}: upgrade to 14.4 or later first, or build it without CONCURRENTLY.",
        RuleCategory.MigrationSafety,
        Severity.Info,
        description: "PostgreSQL 14.0-14.3 could build corrupt indexes with CREATE INDEX CONCURRENTLY and REINDEX CONCURRENTLY; fixed in 14.4.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(static statement =>
        {
            var version = statement.Migration.TargetVersion;
            if (version.Major != 14 || version.Minor is < 1 or > 3)
            {
                return;
            }

            var what = statement.Root switch
            {
                { IndexStmt.Concurrent: true } => "CREATE INDEX CONCURRENTLY",
                { ReindexStmt: { } reindex } when reindex.Params.IsOptionOn("concurrently") => "REINDEX CONCURRENTLY",
                _ => null,
            };
            if (what is not null)
            {
                statement.ReportOnStatement(Rule, version.ToString(), what);
            }
        });
}
