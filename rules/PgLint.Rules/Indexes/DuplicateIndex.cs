using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Indexes;

/// <summary>
/// PG4002: two indexes with the same table, method, keys (columns, expressions, operator classes,
/// order) and predicate answer exactly the same queries. The second one doubles the write cost
/// and the disk and cache space for nothing, and PostgreSQL does not warn when it is created
/// under another name.
/// </summary>
/// <remarks>
/// The index to drop is reported, at the statement that created it: of each group of twins, the
/// one backing a constraint (which needs it) is kept, else the earliest. Not reported:
/// <list type="bullet">
/// <item>indexes that differ in INCLUDE columns (they serve different index-only scans);</item>
/// <item>indexes the catalog knows only from <c>--schema</c>;</item>
/// <item>two indexes that both back constraints (dropping either means dropping a constraint).</item>
/// </list>
/// A unique index and a plain index with the same keys are duplicates: the unique one serves every query the plain one does.
/// </remarks>
public sealed class DuplicateIndex : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG4002",
        "duplicate-index",
        "Drop indexes that duplicate another index",
        "Index {0} duplicates {1} on {2}; every write maintains both for no gain.",
        RuleCategory.Indexes,
        Severity.Warning,
        description: "An index with the same table, method, keys and predicate as another index costs writes and space and serves no query the other does not.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        var groups = context.Catalog.Indexes
            .GroupBy(static i => (i.Table, i.Method, Keys: string.Join(", ", i.Keys), i.Predicate, Include: string.Join(", ", i.Include)));
        foreach (var group in groups)
        {
            var ordered = group.OrderBy(static i => i.Origin.DocumentIndex).ThenBy(static i => i.Origin.StatementOrdinal).ToList();
            var kept = ordered.Find(static i => i.Constraint is not null) ?? ordered[0];
            foreach (var duplicate in ordered.Where(i => i != kept && i.Constraint is null))
            {
                context.ReportAt(Rule, duplicate.Origin, QualifiedName.Quote(duplicate.Name.Name), QualifiedName.Quote(kept.Name.Name), duplicate.Table.Name);
            }
        }
    }
}
