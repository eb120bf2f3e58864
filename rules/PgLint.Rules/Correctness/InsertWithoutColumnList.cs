using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6006: <c>INSERT INTO t VALUES (…)</c> and <c>INSERT INTO t SELECT …</c> without a column list
/// fill the table's columns in their current physical order. Adding, dropping or reordering a
/// column (a rebuilt table, a dump restored with a different order) then either fails the insert or,
/// worse, puts values of compatible types into the wrong columns without an error.
/// </summary>
/// <remarks>
/// Not reported: <c>INSERT … DEFAULT VALUES</c>; inserts into a table created earlier in the same
/// file, whose column order the file itself just defined (seed data next to its <c>CREATE TABLE</c>).
/// </remarks>
public sealed class InsertWithoutColumnList : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6006",
        "insert-without-column-list",
        "Name the target columns of an INSERT",
        "INSERT INTO {0} without a column list depends on the table's column order: a column added, dropped or reordered later makes it fail or fill the wrong columns; list the columns.",
        RuleCategory.Correctness,
        Severity.Warning,
        description: "An INSERT without a column list fills the columns in their physical order, so a later schema change breaks it or silently shifts values into other columns.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<InsertStmt>(Analyze);

    private static void Analyze(NodeContext<InsertStmt> context)
    {
        var insert = context.Node;
        if (insert.Cols.Count > 0 || insert.SelectStmt is null)
        {
            return;
        }

        var table = context.Catalog.FindTable(insert.Relation.ToQualifiedName());
        if (table is not null && context.Migration.IsNew(table))
        {
            return;
        }

        context.Report(Rule, context.Statement.GetQualifiedNameSpan(insert.Relation.Location), insert.Relation.ToQualifiedName());
    }
}
