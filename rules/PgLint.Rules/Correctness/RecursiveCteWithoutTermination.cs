using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6013: a recursive CTE repeats its recursive term until an iteration returns no rows. When the
/// recursive term has no condition that eventually fails (no <c>WHERE</c>, no join condition) and
/// the query has no <c>LIMIT</c>, nothing visible stops it: a counter never stops growing, and a graph
/// walk over data with a cycle loops until it exhausts memory or disk for the work table.
/// </summary>
/// <remarks>
/// Bounds the rule accepts: a <c>WHERE</c> on the recursive term, a join with an <c>ON</c> or
/// <c>USING</c> condition in it, a <c>CYCLE</c> clause, or a <c>LIMIT</c> on the query that uses the
/// CTE. <c>UNION</c> (without <c>ALL</c>) stops on repeated rows, but only when rows do repeat, so it
/// does not count.
/// </remarks>
public sealed class RecursiveCteWithoutTermination : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6013",
        "recursive-cte-without-termination",
        "Give recursive CTEs a condition that ends the recursion",
        "The recursive term of {0} has no WHERE or join condition and the query has no LIMIT, so nothing visible ends the recursion; add a condition that fails eventually (a depth limit) or a CYCLE clause.",
        RuleCategory.Correctness,
        Severity.Info,
        description: "A recursive CTE whose recursive term has no WHERE or join condition, used without LIMIT, may never terminate.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<WithClause>(Analyze);

    private static void Analyze(NodeContext<WithClause> context)
    {
        if (!context.Node.Recursive || context.Parent?.Node is SelectStmt { LimitCount: not null })
        {
            return;
        }

        foreach (var cte in context.Node.Ctes.Select(static c => c.CommonTableExpr).OfType<CommonTableExpr>())
        {
            if (cte is { CycleClause: null, Ctequery.SelectStmt: { Op: SetOperation.SetopUnion, Rarg: { } recursive } }
                && ReadsItself(recursive, cte.Ctename) && !IsBounded(recursive))
            {
                context.Report(Rule, context.GetSpan(cte.Location), QualifiedName.Quote(cte.Ctename));
            }
        }
    }

    private static bool ReadsItself(SelectStmt term, string name) =>
        QueryShape.Relations(term.FromClause).Any(r => r.Relation is { Schemaname.Length: 0 } relation && relation.Relname == name);

    private static bool IsBounded(SelectStmt term) =>
        term.WhereClause is not null || term.LimitCount is not null
        || term.FromClause.Any(static f => f.Unwrap()?.DescendantsAndSelf().Any(static d => d.Node is JoinExpr { Quals: not null } or JoinExpr { UsingClause.Count: > 0 }) == true);
}
