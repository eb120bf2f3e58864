using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3008: a table without a primary key has no reliable way to address one row. Logical
/// replication cannot replicate its UPDATEs and DELETEs (without <c>REPLICA IDENTITY FULL</c>),
/// ORMs and admin tools cannot edit it, duplicate rows creep in, and tools such as
/// pg_repack refuse it. The check runs on the catalog at the end of the migration set, so a key
/// added by a later migration counts.
/// </summary>
/// <remarks>
/// Not reported:
/// <list type="bullet">
/// <item>a partition: it inherits its parent's primary key (PostgreSQL clones it to every partition), and a parent without one is reported itself;</item>
/// <item>temporary tables, views, materialized views and foreign tables, which cannot or need not have one;</item>
/// <item>tables created by <c>CREATE TABLE … AS</c>, whose columns the catalog does not know, until a key is added;</item>
/// <item>tables from <c>--schema</c>: no file of the set created them.</item>
/// </list>
/// A table with a UNIQUE constraint on NOT NULL columns but no PRIMARY KEY is still reported:
/// logical replication needs the key declared as the replica identity, and a primary key says so.
/// </remarks>
public sealed class MissingPrimaryKey : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3008",
        "missing-primary-key",
        "Give every table a primary key",
        "Table {0} has no primary key {1}, so its rows cannot be addressed reliably or replicated logically.",
        RuleCategory.SchemaDesign,
        Severity.Warning,
        description: "A table without a primary key cannot be replicated logically (UPDATE and DELETE fail), is hard to edit from tools, and accumulates duplicate rows.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        foreach (var table in context.Catalog.Tables.OrderBy(static t => t.Origin.DocumentIndex).ThenBy(static t => t.Origin.StatementOrdinal))
        {
            if (table.Kind is not (RelationKind.Table or RelationKind.PartitionedTable)
                || table.PartitionOf is not null
                || table.Name.Schema == "pg_temp"
                || table.PrimaryKey is not null
                || (table.ColumnsUnknown && table.Columns.Count == 0))
            {
                continue;
            }

            context.ReportAt(Rule, table.Origin, table.Name.ToString(), context.IsLiveDatabase ? "in the database" : "at the end of the migration set");
        }
    }
}
