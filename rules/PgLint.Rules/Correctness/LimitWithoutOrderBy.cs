using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6005: without <c>ORDER BY</c>, PostgreSQL returns rows in whatever order the chosen plan
/// produces them: a sequential scan's physical order (which changes with updates, vacuum and
/// synchronized scans), an index order, a hash join's order. <c>LIMIT</c>, <c>OFFSET</c> and
/// <c>FETCH FIRST</c> then pick an arbitrary subset, which can differ between runs, plans and
/// replicas; paging with <c>OFFSET</c> can skip or repeat rows.
/// </summary>
/// <remarks>
/// Not reported: subqueries of <c>EXISTS</c>; <c>LIMIT 0</c> and <c>LIMIT ALL</c>; queries without
/// <c>FROM</c>, selecting only constants (an existence probe) or only aggregates without
/// <c>GROUP BY</c> (one row); a single-table query whose <c>WHERE</c> fixes every column of its
/// primary key or of a unique index known to the catalog (at most one row).
/// </remarks>
public sealed class LimitWithoutOrderBy : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6005",
        "limit-without-order-by",
        "Add an ORDER BY to queries with LIMIT, OFFSET or FETCH FIRST",
        "{0} without ORDER BY keeps an arbitrary subset of the rows, which can change from run to run with the plan and the table's physical order: add an ORDER BY that makes the order unique.",
        RuleCategory.Correctness,
        Severity.Warning,
        description: "Without ORDER BY the row order is whatever the plan produces, so LIMIT, OFFSET and FETCH FIRST keep an arbitrary, unstable subset.");

    private static readonly HashSet<string> Aggregates = ["count", "sum", "avg", "min", "max", "bool_and", "bool_or", "every", "array_agg", "string_agg", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg"];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        var query = context.Node;
        var limit = Limits(query);
        if (limit is null || query.SortClause.Count > 0 || IsExistsProbe(context) || ReturnsAtMostOneRow(context, query))
        {
            return;
        }

        var span = KeywordSpan(context, limit);
        context.Report(Rule, span, context.Document.Source.ToString(span).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0].ToUpperInvariant() switch
        {
            "FETCH" => "FETCH FIRST",
            var keyword => keyword,
        });
    }

    /// <summary>The LIMIT (or OFFSET) that picks rows, or null when none does.</summary>
    private static Node? Limits(SelectStmt query)
    {
        var count = query.LimitCount;
        if (count is not null && !count.IsNullConstant() && count.ConstantText() != "0")
        {
            return count;
        }

        var offset = query.LimitOffset;
        return offset is not null && offset.ConstantText() != "0" ? offset : null;
    }

    private static bool IsExistsProbe(NodeContext<SelectStmt> context) =>
        context.Parent is { Node: SubLink { SubLinkType: SubLinkType.ExistsSublink } };

    private static bool ReturnsAtMostOneRow(NodeContext<SelectStmt> context, SelectStmt query)
    {
        if (query.Op != SetOperation.SetopNone)
        {
            return false;
        }

        if (query.FromClause.Count == 0)
        {
            return true;
        }

        var values = query.TargetList.Select(static t => t.ResTarget?.Val).ToList();
        if (values.All(static v => v?.AConst is not null))
        {
            return true;
        }

        if (query.GroupClause.Count == 0 && values.All(static v => v?.FuncCall is { } call && Aggregates.Contains(call.Funcname[^1].AsString() ?? string.Empty)))
        {
            return true;
        }

        return IsKeyLookup(context, query);
    }

    /// <summary>A single table whose WHERE sets every column of its primary key or of a unique index with <c>=</c>.</summary>
    private static bool IsKeyLookup(StatementContext context, SelectStmt query)
    {
        if (query.FromClause is not [{ RangeVar: { } relation }] || context.Catalog.FindTable(relation.ToQualifiedName()) is not { } table)
        {
            return false;
        }

        var fixedColumns = QueryShape.Conjuncts(query.WhereClause)
            .Select(static c => c.AExpr)
            .Where(static e => e is { Kind: A_Expr_Kind.AexprOp } && e.OperatorName() == "=")
            .SelectMany(static e => new[] { e!.Lexpr?.ColumnRef, e.Rexpr?.ColumnRef })
            .OfType<ColumnRef>()
            .Select(static c => c.ColumnName())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return context.Catalog.IndexesOn(table)
            .Where(static i => i is { IsUnique: true, IsValid: true, Predicate: null, HasOnlyColumns: true })
            .Any(i => i.KeyColumns.All(c => c is not null && fixedColumns.Contains(c)));
    }

    /// <summary>From the LIMIT, OFFSET or FETCH keyword to the end of its value.</summary>
    private static TextSpan KeywordSpan(StatementContext context, Node value)
    {
        var statement = context.Statement;
        var valueSpan = context.GetSpan(value);
        var index = statement.FindTokenIndex(statement.ByteStart + value.GetLocation());
        while (index > 0 && statement.Tokens[index].Kind is not (Token.Limit or Token.Offset or Token.Fetch))
        {
            index--;
        }

        if (index <= 0)
        {
            return valueSpan;
        }

        // FETCH FIRST n ROWS ONLY | WITH TIES: the words after the count have no location.
        var end = valueSpan.End;
        if (statement.Tokens[index].Kind == Token.Fetch)
        {
            var last = statement.FindTokenIndex(statement.Source.GetByteOffset(valueSpan.End) - 1);
            while (last + 1 < statement.Tokens.Length && statement.Tokens[last + 1].Kind is Token.Row or Token.Rows or Token.Only or Token.With or Token.Ties)
            {
                last++;
            }

            end = statement.GetTokenSpanAt(last).End;
        }

        return TextSpan.FromBounds(statement.GetTokenSpanAt(index).Start, end);
    }
}
