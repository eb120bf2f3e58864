using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6002: <c>x NOT IN (SELECT c …)</c> is true only when <c>x</c> differs from every <c>c</c>, and a
/// comparison with NULL is NULL, so a single NULL among the subquery's rows makes the condition NULL
/// for every <c>x</c>: the query silently returns no rows. The planner also cannot turn <c>NOT IN</c>
/// into an anti-join (it runs a hashed or, past <c>work_mem</c>, a per-row subplan). <c>NOT EXISTS</c>
/// has neither problem. A literal list containing NULL (<c>NOT IN (1, NULL)</c>) is never true either.
/// </summary>
/// <remarks>
/// Not reported: <c>NOT IN</c> over a literal list without NULL; <c>IN (SELECT …)</c>. The fix to
/// <c>NOT EXISTS</c> is offered for a qualified outer column against one column of a single-table
/// subquery without grouping, ordering or limits; it is safe only when the catalog shows both columns
/// NOT NULL, because otherwise rows whose value is NULL, or a subquery yielding NULL, change the result.
/// </remarks>
public sealed class NotInSubquery : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6002",
        "not-in-subquery",
        "Use NOT EXISTS instead of NOT IN",
        "{0}: {1}",
        RuleCategory.Correctness,
        Severity.Warning,
        description: "NOT IN (SELECT …) returns no rows as soon as the subquery yields one NULL, and cannot be planned as an anti-join; a NULL in a NOT IN list makes it never true.");

    private const string SubqueryConsequence = "one NULL from the subquery makes NOT IN NULL for every row, so nothing matches, and it cannot be planned as an anti-join; use NOT EXISTS.";
    private const string ListConsequence = "a NULL in the list makes NOT IN NULL for every row, so nothing matches; remove the NULL.";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<BoolExpr>(AnalyzeSubquery);
        context.RegisterNodeAction<A_Expr>(AnalyzeList);
    }

    private static void AnalyzeSubquery(NodeContext<BoolExpr> context)
    {
        if (context.Node is not { Boolop: BoolExprType.NotExpr, Args: [{ SubLink: { SubLinkType: SubLinkType.AnySublink, OperName.Count: 0 } subLink }] })
        {
            return;
        }

        var span = context.GetSpan(context.Node);
        context.Report(Rule, span, RewriteAsNotExists(context, subLink), Subject(context, span), SubqueryConsequence);
    }

    private static void AnalyzeList(NodeContext<A_Expr> context)
    {
        if (context.Node is { Kind: A_Expr_Kind.AexprIn } list && list.OperatorName() == "<>"
            && list.Rexpr?.List?.Items.Any(static i => i.IsNullConstant()) == true)
        {
            var span = context.GetSpan(list);
            context.Report(Rule, span, Subject(context, span), ListConsequence);
        }
    }

    private static string Subject(StatementContext context, TextSpan span)
    {
        var text = string.Join(' ', context.Document.Source.ToString(span).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : "NOT IN";
    }

    /// <summary><c>o.id NOT IN (SELECT c FROM t WHERE w)</c> becomes <c>NOT EXISTS (SELECT 1 FROM t WHERE (w) AND c = o.id)</c>.</summary>
    private static Fix? RewriteAsNotExists(NodeContext<BoolExpr> context, SubLink subLink)
    {
        if (subLink.Testexpr?.ColumnRef is not { } outer || outer.Qualifier() is not { } outerName
            || subLink.Subselect?.SelectStmt is not { } query || !IsSimple(query)
            || query.TargetList[0].ResTarget?.Val?.ColumnRef is not { } inner || inner.IsStar()
            || query.FromClause[0].RangeVar is not { } relation
            || QueryShape.Relations(relation).Single().Name == outerName)
        {
            return null;
        }

        var statement = context.Statement;
        var open = statement.FindTokenIndex(statement.ByteStart + inner.Location);
        while (open > 0 && statement.Tokens[open].Kind != Token.Ascii40)
        {
            open--;
        }

        var close = MatchingParenthesis(statement, open);
        if (open <= 0 || close < 0 || statement.Tokens[open + 1].Kind != Token.Select)
        {
            return null;
        }

        var source = context.Document.Source;
        var start = context.GetSpan(context.Node).Start;
        var predicate = $"{source.ToString(context.GetSpan(inner))} = {source.ToString(context.GetSpan(outer))}";
        var lastInside = statement.GetTokenSpanAt(close - 1).End;
        List<TextEdit> edits =
        [
            new(TextSpan.FromBounds(start, statement.GetTokenSpanAt(open).End), "NOT EXISTS ("),
            new(context.GetSpan(inner), "1"),
        ];
        if (query.WhereClause is { } where)
        {
            edits.Add(TextEdit.Insert(context.GetSpan(where).Start, "("));
            edits.Add(TextEdit.Insert(lastInside, ") AND " + predicate));
        }
        else
        {
            edits.Add(TextEdit.Insert(lastInside, " WHERE " + predicate));
        }

        var provenNotNull = IsNotNull(context, context.Ancestors, outer)
            && context.Catalog.FindTable(relation.ToQualifiedName()) is { } table
            && inner.ColumnName() is { } column && Catalog.IsNotNull(table, column);
        return new Fix(
            provenNotNull ? "Rewrite as NOT EXISTS" : "Rewrite as NOT EXISTS (changes the result where either column is NULL)",
            edits,
            provenNotNull ? FixSafety.Safe : FixSafety.Unsafe);
    }

    private static bool IsSimple(SelectStmt query) =>
        query is { Op: SetOperation.SetopNone, TargetList.Count: 1, FromClause.Count: 1, GroupClause.Count: 0, HavingClause: null, SortClause.Count: 0, LimitCount: null, LimitOffset: null, DistinctClause.Count: 0, WithClause: null, WindowClause.Count: 0, LockingClause.Count: 0 };

    private static bool IsNotNull(StatementContext context, IReadOnlyList<AstAncestor> ancestors, ColumnRef column) =>
        QueryShape.Resolve(context.Catalog, ancestors, column) is var (table, found) && Catalog.IsNotNull(table, found.Name);

    private static int MatchingParenthesis(SqlStatement statement, int open)
    {
        var depth = 0;
        for (var i = Math.Max(open, 0); i < statement.Tokens.Length; i++)
        {
            depth += statement.Tokens[i].Kind switch
            {
                Token.Ascii40 => 1,
                Token.Ascii41 => -1,
                _ => 0,
            };
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
