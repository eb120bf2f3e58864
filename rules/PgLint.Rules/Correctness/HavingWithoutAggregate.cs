using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6014: a <c>HAVING</c> condition that uses no aggregate only looks at grouped columns, so it
/// could have filtered the rows before grouping. In <c>HAVING</c> PostgreSQL first builds every
/// group, then throws the unwanted ones away; in <c>WHERE</c> the rows are never grouped, and an
/// index on the column can find them. It is also often a sign that an aggregate was forgotten.
/// </summary>
/// <remarks>
/// Only the top-level <c>AND</c> operands of <c>HAVING</c> are checked, and only those made of
/// columns, constants and operators: any function call (which may be a user-defined aggregate) or
/// subquery keeps the operand silent.
/// </remarks>
public sealed class HavingWithoutAggregate : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6014",
        "having-without-aggregate",
        "Move HAVING conditions without an aggregate to WHERE",
        "HAVING {0} uses no aggregate, so every group is built and then discarded: move it to WHERE to filter the rows before grouping.",
        RuleCategory.Correctness,
        Severity.Info,
        description: "A HAVING condition without an aggregate filters groups by grouped columns only; in WHERE it would filter rows before grouping, and could use an index.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        foreach (var condition in QueryShape.Conjuncts(context.Node.HavingClause))
        {
            var nodes = condition.DescendantsAndSelf().Select(static d => d.Node).ToList();
            if (nodes.OfType<ColumnRef>().Any() && !nodes.Any(static n => n is FuncCall or SubLink or GroupingFunc or WindowDef))
            {
                var text = QueryShape.TextOf(context, condition);
                context.Report(Rule, context.GetSpan(condition), text.Length <= 60 ? text : "condition");
            }
        }
    }
}
