using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Indexes;

/// <summary>
/// PG4003: a B-tree can serve any query on a leading prefix of its keys, so an index on
/// <c>(a)</c> next to one on <c>(a, b)</c> with the same predicate is redundant: the wider index
/// answers its queries almost as fast, and the narrow one costs every write and its space.
/// </summary>
/// <remarks>
/// Not reported:
/// <list type="bullet">
/// <item>an index backing a constraint (primary key, unique, exclusion), or any unique index: it enforces something the wider one does not;</item>
/// <item>indexes with different predicates, methods other than B-tree, or identical keys (PG4002 reports exact duplicates);</item>
/// <item>indexes the catalog knows only from <c>--schema</c>.</item>
/// </list>
/// The narrow index can still be faster to scan for its queries on a very wide table; then suppress the finding.
/// </remarks>
public sealed class RedundantIndex : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG4003",
        "redundant-index",
        "Drop indexes whose keys lead another index",
        "Index {0} on {1} is a leading prefix of {2}, which serves the same queries.",
        RuleCategory.Indexes,
        Severity.Info,
        description: "A B-tree index whose keys are a leading prefix of another B-tree index with the same predicate is redundant.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        var btrees = context.Catalog.Indexes.Where(static i => i.Method == "btree" && i.IsValid).ToList();
        foreach (var narrow in btrees.Where(static i => i.Constraint is null && !i.IsUnique))
        {
            var wider = btrees
                .Where(w => w != narrow && w.Table == narrow.Table && w.Predicate == narrow.Predicate && w.Keys.Length > narrow.Keys.Length
                    && w.Keys.Take(narrow.Keys.Length).SequenceEqual(narrow.Keys))
                .OrderBy(static w => w.Keys.Length)
                .FirstOrDefault();
            if (wider is not null)
            {
                context.ReportAt(Rule, narrow.Origin, QualifiedName.Quote(narrow.Name.Name), narrow.Table.Name, QualifiedName.Quote(wider.Name.Name));
            }
        }
    }
}
