using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6012: <c>ORDER BY 2</c> and <c>GROUP BY 1</c> refer to output columns by position. When the
/// select list changes (a column added in front, two swapped), the query sorts or groups by a
/// different column without any error. Naming the column or its alias keeps the meaning.
/// </summary>
/// <remarks>
/// Not reported: constants in a window's <c>ORDER BY</c> or an aggregate's <c>ORDER BY</c>, where
/// PostgreSQL reads them as constants rather than positions.
/// </remarks>
public sealed class OrderByOrdinal : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6012",
        "order-by-ordinal",
        "Name the column instead of its position in ORDER BY and GROUP BY",
        "{0} BY {1} refers to output column number {1}: when the select list changes it silently uses another column; name the column or its alias.",
        RuleCategory.Correctness,
        Severity.Info,
        description: "ORDER BY and GROUP BY with a position depend on the order of the select list and silently change meaning when it changes.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        foreach (var sort in context.Node.SortClause)
        {
            Check(context, sort.SortBy?.Node, "ORDER");
        }

        foreach (var group in context.Node.GroupClause)
        {
            Check(context, group, "GROUP");
        }
    }

    private static void Check(NodeContext<SelectStmt> context, Node? item, string clause)
    {
        if (item?.AConst is { ValCase: A_Const.ValOneofCase.Ival } constant)
        {
            context.Report(Rule, context.GetSpan(constant.Location), clause, item.ConstantText());
        }
    }
}
