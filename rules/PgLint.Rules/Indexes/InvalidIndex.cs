using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Indexes;

/// <summary>
/// PG4007: a <c>CREATE INDEX CONCURRENTLY</c> or <c>REINDEX CONCURRENTLY</c> that fails (a uniqueness
/// violation, a deadlock, a cancelled build) leaves the index behind marked INVALID
/// (<c>pg_index.indisvalid = false</c>). The planner ignores it; when the build failed after its first
/// phase (<c>indisready</c>), writes still maintain it; and its name blocks a retry with
/// <c>IF NOT EXISTS</c>. Drop it and build it again.
/// </summary>
/// <remarks>
/// Reported from a live database's catalog, where <c>indisvalid</c> is known. Migration replay never
/// produces an invalid index (a statement that fails is not replayed), so from SQL files alone the rule
/// is silent.
/// </remarks>
public sealed class InvalidIndex : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG4007",
        "invalid-index",
        "Drop and rebuild invalid indexes",
        "Index {0} on {1} is INVALID (left by a failed concurrent build): queries cannot use it, and its name keeps CREATE INDEX IF NOT EXISTS from building it again.",
        RuleCategory.Indexes,
        Severity.Warning,
        description: "An index left INVALID by a failed CREATE INDEX CONCURRENTLY is ignored by the planner, may still be maintained by writes, and blocks a retry under the same name.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        foreach (var index in context.Catalog.Indexes.Where(static i => !i.IsValid))
        {
            context.ReportAt(Rule, index.Origin, QualifiedName.Quote(index.Name.Name), index.Table.ToString());
        }
    }
}
