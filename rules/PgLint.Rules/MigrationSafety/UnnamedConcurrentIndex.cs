using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1041: when <c>CREATE INDEX CONCURRENTLY</c> fails (a uniqueness violation, a deadlock, a
/// cancelled statement), it leaves an <c>INVALID</c> index behind that is still maintained on every
/// write. With an explicit name, the retry can drop it (<c>DROP INDEX CONCURRENTLY IF EXISTS name</c>)
/// or skip it; with a generated name, nobody knows what to look for, and a retry creates a second one.
/// </summary>
public sealed class UnnamedConcurrentIndex : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1041",
        "unnamed-concurrent-index",
        "Name indexes built concurrently",
        "This concurrent index on {0} has no name: if the build fails, the INVALID index it leaves behind has a generated name that a retry cannot drop or skip.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "A failed CREATE INDEX CONCURRENTLY leaves an INVALID index; an explicit name lets the retry drop it or skip it.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(static statement =>
        {
            if (statement.Root.IndexStmt is { Concurrent: true, Idxname: "" } index)
            {
                statement.ReportOnStatement(Rule, index.Relation.ToQualifiedName().ToString());
            }
        });
}
