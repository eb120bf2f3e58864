using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Conventions;

/// <summary>
/// PG7004: <c>COMMENT ON</c> is the documentation that travels with the schema: <c>\d+</c> in psql,
/// every schema browser and generated data dictionary show it. A table without one leaves the next
/// reader to guess what its rows mean.
/// </summary>
/// <remarks>
/// Off by default. Reported at the end of the migration set for tables (not partitions, not temporary
/// tables, which end with the session and no schema browser shows) without a comment; with the option <c>columns</c>, also for tables some of whose columns have none (one finding
/// per table, naming the columns).
/// </remarks>
public sealed class MissingComment : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG7004",
        "missing-comment",
        "Document tables with COMMENT ON",
        "{0} {1} no comment; describe {2} with COMMENT ON so that psql's \\d+ and schema browsers show what {3}.",
        RuleCategory.Conventions,
        Severity.Info,
        isEnabledByDefault: false,
        description: "Tables (and optionally columns) should carry a COMMENT ON.",
        options:
        [
            new RuleOption("columns", RuleOptionKind.Boolean, false, "Also report columns without a comment."),
        ]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        var columns = context.Options.GetBoolean(Rule, "columns");
        foreach (var table in context.Catalog.Tables)
        {
            if (table.Kind is not (RelationKind.Table or RelationKind.PartitionedTable) || table.PartitionOf is not null || table.Name.Schema == "pg_temp")
            {
                continue;
            }

            if (table.Comment is null)
            {
                context.ReportAt(Rule, table.Origin, $"Table {table.Name}", "has", "it", "its rows are");
                continue;
            }

            var missing = columns ? table.Columns.Where(static c => c.Comment is null).Select(static c => QualifiedName.Quote(c.Name)).ToList() : [];
            if (missing.Count > 0)
            {
                context.ReportAt(Rule, table.Origin, $"Column{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing)} of {table.Name}", missing.Count == 1 ? "has" : "have", missing.Count == 1 ? "it" : "them", missing.Count == 1 ? "it holds" : "they hold");
            }
        }
    }
}
