using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6017: in <c>WHERE id IN (SELECT user_id FROM sessions)</c>, an unqualified name that the
/// subquery's table does not have is looked up in the outer query. If <c>sessions</c> has no
/// <c>user_id</c> but the outer table does, the subquery returns the outer row's own value, and the
/// condition is true for every row whose value is not NULL: a <c>DELETE … WHERE x IN (SELECT x FROM
/// t)</c> then deletes everything. PostgreSQL raises no error, because correlated subqueries are legal.
/// </summary>
/// <remarks>
/// Reported only when the catalog knows the subquery's single table and all its columns, the
/// selected column is a bare, unqualified name, and no CTE of that name hides the table.
/// </remarks>
public sealed class SubqueryColumnBoundToOuter : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6017",
        "subquery-column-bound-to-outer",
        "Select a column the subquery's table has",
        "{0} has no column {1}, so {1} in this IN subquery refers to the outer query and the condition is true for every row where it is not NULL; select a column of {0} or qualify the name.",
        RuleCategory.Correctness,
        Severity.Error,
        description: "An unqualified column that the subquery's table lacks binds to the outer query, turning IN (SELECT col FROM t) into a condition true for almost every row.");

    private static readonly HashSet<string> SystemColumns = ["ctid", "xmin", "xmax", "cmin", "cmax", "tableoid", "oid"];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SubLink>(Analyze);

    private static void Analyze(NodeContext<SubLink> context)
    {
        if (context.Node is not { SubLinkType: SubLinkType.AnySublink, Subselect.SelectStmt: { Op: SetOperation.SetopNone, TargetList.Count: 1, FromClause: [{ RangeVar: { } relation }] } query }
            || query.TargetList[0].ResTarget?.Val?.ColumnRef is not { Fields.Count: 1 } column
            || column.ColumnName() is not { } name)
        {
            return;
        }

        var tableName = relation.ToQualifiedName();
        if (tableName.Schema is null && QueryShape.VisibleCteNames(context.Ancestors).Concat(QueryShape.VisibleCteNames([new AstAncestor(query, "subselect")])).Contains(tableName.Name))
        {
            return;
        }

        // A name equal to the relation's alias is a whole-row reference (SELECT s FROM t s).
        if (SystemColumns.Contains(name) || QueryShape.Relations(relation).Single().Name == name
            || context.Catalog.FindTable(tableName) is not { ColumnsUnknown: false, Columns.Count: > 0, PartitionOf: null, Inherits.IsEmpty: true, Kind: RelationKind.Table } table
            || table.FindColumn(name) is not null)
        {
            return;
        }

        context.Report(Rule, context.GetSpan(column), table.Name, QualifiedName.Quote(name));
    }
}
