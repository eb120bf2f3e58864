using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Indexes;

/// <summary>
/// PG4001: PostgreSQL indexes the referenced side of a foreign key (it must be a primary key or
/// unique) but not the referencing side. Every <c>DELETE</c> or key <c>UPDATE</c> on the parent
/// then scans the whole child table to check for references, under a lock, and joins from parent
/// to child have no index to use. The index must have the key's columns as its leading columns:
/// an index where the foreign key column is only the second key does not help the check.
/// </summary>
/// <remarks>
/// The check runs on the catalog at the end of the set, so an index created by a later statement
/// or migration counts. Not reported:
/// <list type="bullet">
/// <item>a key whose columns lead a valid, non-partial index in any order (a partial index cannot serve every check);</item>
/// <item>a key on a table the catalog knows only from <c>--schema</c>;</item>
/// <item>a key on a partition: the partitioned parent's key is reported instead.</item>
/// </list>
/// </remarks>
public sealed class UnindexedForeignKey : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG4001",
        "unindexed-foreign-key",
        "Index the columns of foreign keys",
        "Foreign key {0} on {1} ({2}) has no index with these leading columns, so deletes on {3} scan {1}.",
        RuleCategory.Indexes,
        Severity.Warning,
        description: "Without an index on the referencing columns, every delete or key update on the referenced table scans the referencing table.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        foreach (var table in context.Catalog.Tables.Where(static t => t.PartitionOf is null))
        {
            foreach (var foreignKey in Catalog.ForeignKeysOf(table))
            {
                if (context.Catalog.FindIndexesWithLeadingColumns(table, foreignKey.Columns).Any())
                {
                    continue;
                }

                context.ReportAt(Rule, foreignKey.Origin, QualifiedName.Quote(foreignKey.Name), table.Name.Name, string.Join(", ", foreignKey.Columns), foreignKey.ReferencedTable?.Name ?? "the referenced table");
            }
        }
    }
}
