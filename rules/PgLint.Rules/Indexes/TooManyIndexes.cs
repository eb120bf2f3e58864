using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Indexes;

/// <summary>
/// PG4005: every index is updated on every INSERT and on every UPDATE that cannot be HOT (an update
/// of any indexed column), costs WAL, disk and shared buffers, and slows VACUUM. Past a handful of
/// indexes a table's write throughput drops noticeably, and the extra indexes are often unused.
/// </summary>
/// <remarks>
/// Counted on the catalog at the end of the set, constraint indexes included, and reported at the
/// statement that created the table. Not reported: tables the catalog knows only from
/// <c>--schema</c>, and partitions (their parent is counted).
/// </remarks>
public sealed class TooManyIndexes : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG4005",
        "too-many-indexes",
        "Keep the number of indexes per table small",
        "Table {0} has {1} indexes (more than {2}); each one slows every write and can prevent HOT updates.",
        RuleCategory.Indexes,
        Severity.Info,
        description: "Each index costs every write; a table with many indexes loses write throughput and HOT updates.",
        options: [new RuleOption("maximum", RuleOptionKind.Integer, 10, "The number of indexes a table may have without a finding.")]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        var maximum = context.Options.GetInt32(Rule, "maximum");
        foreach (var table in context.Catalog.Tables.Where(static t => t.PartitionOf is null))
        {
            var count = context.Catalog.IndexesOn(table).Count();
            if (count > maximum)
            {
                context.ReportAt(Rule, table.Origin, table.Name.ToString(), count, maximum);
            }
        }
    }
}
