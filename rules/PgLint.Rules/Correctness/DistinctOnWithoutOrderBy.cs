using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6009: <c>SELECT DISTINCT ON (a) …</c> keeps the first row of each group of equal <c>a</c>, and
/// "first" is only defined by <c>ORDER BY</c>. Without one, PostgreSQL keeps whichever row the plan
/// produces first, which can change between runs; the query usually means "the latest" or "the
/// cheapest" and needs <c>ORDER BY a, created_at DESC</c> to say so.
/// </summary>
/// <remarks>Not reported: plain <c>DISTINCT</c>; <c>DISTINCT ON</c> with any <c>ORDER BY</c> (PostgreSQL requires it to start with the <c>DISTINCT ON</c> expressions).</remarks>
public sealed class DistinctOnWithoutOrderBy : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6009",
        "distinct-on-without-order-by",
        "Add an ORDER BY to SELECT DISTINCT ON",
        "DISTINCT ON without ORDER BY keeps an arbitrary row of each group: add ORDER BY with the DISTINCT ON expressions first, then the columns that choose the row to keep.",
        RuleCategory.Correctness,
        Severity.Warning,
        description: "DISTINCT ON keeps the first row of each group, and without ORDER BY which row is first is up to the plan.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        var query = context.Node;

        // Plain DISTINCT is a list holding one empty node; DISTINCT ON lists its expressions.
        if (query.SortClause.Count > 0 || query.DistinctClause.Count == 0 || query.DistinctClause.All(static n => n.Unwrap() is null))
        {
            return;
        }

        var statement = context.Statement;
        var first = query.DistinctClause.First(static n => n.Unwrap() is not null);
        var index = statement.FindTokenIndex(statement.ByteStart + first.GetLocationExtent().First);
        while (index > 0 && statement.Tokens[index].Kind != Token.Distinct)
        {
            index--;
        }

        var on = statement.IndexOfToken(Token.On, Math.Max(index, 0));
        var span = index <= 0 || on < 0
            ? context.GetSpan(first)
            : TextSpan.FromBounds(statement.GetTokenSpanAt(index).Start, statement.GetTokenSpanAt(on).End);
        context.Report(Rule, span);
    }
}
