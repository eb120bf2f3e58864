using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6010: <c>NATURAL JOIN</c> joins on every column name the two sides happen to share. Adding a
/// column such as <c>created_at</c> or <c>status</c> to either table silently adds it to the join
/// condition, and the query returns fewer rows (or none) without any error. Naming the join columns
/// with <c>USING (…)</c> or <c>ON …</c> keeps the condition what it was written to be.
/// </summary>
/// <remarks>Every <c>NATURAL</c> join is reported, whatever the columns the tables share today.</remarks>
public sealed class NaturalJoin : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6010",
        "natural-join",
        "Name the join columns instead of using NATURAL JOIN",
        "NATURAL JOIN joins on every column name both sides share, so a column added to either table later silently changes the join condition: use USING (…) or ON.",
        RuleCategory.Correctness,
        Severity.Warning,
        description: "NATURAL JOIN joins on all same-named columns, so adding a column to either table silently changes the result.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<JoinExpr>(Analyze);

    private static void Analyze(NodeContext<JoinExpr> context)
    {
        var join = context.Node;
        if (!join.IsNatural || join.Rarg is null)
        {
            return;
        }

        // JoinExpr has no location: the NATURAL keyword is the last one before the right-hand side.
        var statement = context.Statement;
        var index = statement.FindTokenIndex(statement.ByteStart + join.Rarg.GetLocationExtent().First);
        while (index > 0 && statement.Tokens[index].Kind != Token.Natural)
        {
            index--;
        }

        var joinKeyword = statement.IndexOfToken(Token.Join, Math.Max(index, 0));
        var span = index <= 0 || joinKeyword < 0
            ? context.GetSpan(join)
            : TextSpan.FromBounds(statement.GetTokenSpanAt(index).Start, statement.GetTokenSpanAt(joinKeyword).End);
        context.Report(Rule, span);
    }
}
