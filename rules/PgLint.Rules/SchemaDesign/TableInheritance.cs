using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3013: table inheritance (<c>CREATE TABLE … INHERITS</c>) shares columns, not constraints:
/// unique constraints, primary keys and foreign keys of the parent do not cover the children, a
/// foreign key cannot reference the hierarchy, and <c>INSERT</c> into the parent never routes rows
/// to a child. For splitting a table by ranges or lists, declarative partitioning (PostgreSQL 10+)
/// routes rows, prunes partitions and supports keys across the whole table.
/// </summary>
/// <remarks>Not reported: <c>PARTITION OF</c>, which PostgreSQL implements with inheritance internally.</remarks>
public sealed class TableInheritance : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3013",
        "table-inheritance",
        "Use declarative partitioning instead of table inheritance",
        "Table {0} inherits from {1}: unique, primary and foreign keys of the parent do not cover it and rows inserted into the parent are not routed to it; use declarative partitioning or a plain foreign key.",
        RuleCategory.SchemaDesign,
        Severity.Info,
        description: "Inheritance shares columns but not keys or constraints, and does not route rows; declarative partitioning does.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<CreateStmt>(Analyze);

    private static void Analyze(NodeContext<CreateStmt> context)
    {
        var create = context.Node;
        if (create.InhRelations.Count == 0 || create.Partbound is not null)
        {
            return;
        }

        var parents = string.Join(", ", create.InhRelations.Select(static r => r.RangeVar?.ToQualifiedName().ToString()).OfType<string>());
        context.Report(Rule, context.Statement.GetQualifiedNameSpan(create.Relation.Location), create.Relation.ToQualifiedName(), parents);
    }
}
