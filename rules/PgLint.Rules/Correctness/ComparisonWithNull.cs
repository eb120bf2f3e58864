using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6001: NULL means "unknown", and comparing anything with it gives NULL, never true: <c>x = NULL</c>
/// and <c>x &lt;&gt; NULL</c> (also written <c>!=</c>) are NULL for every <c>x</c>. A <c>WHERE</c> with
/// them returns no rows, a <c>CASE WHEN</c> branch is never taken, and a <c>CHECK</c> never rejects
/// anything, all without an error. <c>IS NULL</c> and <c>IS NOT NULL</c> are the tests for NULL.
/// </summary>
/// <remarks>
/// Not reported: assignments such as <c>UPDATE … SET x = NULL</c> (not a comparison);
/// <c>IS [NOT] DISTINCT FROM NULL</c>; comparisons with a parameter or column that is NULL at run
/// time; <c>CASE x WHEN NULL</c>; <c>IN (…, NULL)</c> (PG6002). The fix is unsafe: it changes the
/// result, from no row to the rows where the value is NULL, which is usually what was meant.
/// </remarks>
public sealed class ComparisonWithNull : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6001",
        "comparison-with-null",
        "Use IS NULL or IS NOT NULL to test for NULL",
        "{0} is never true, because comparing with NULL yields NULL: use {1}.",
        RuleCategory.Correctness,
        Severity.Error,
        description: "A comparison with NULL (= NULL, <> NULL, != NULL) yields NULL for every value, so it is never true; IS NULL and IS NOT NULL test for NULL.");

    private const int MaxQuotedLength = 60;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<A_Expr>(Analyze);

    private static void Analyze(NodeContext<A_Expr> context)
    {
        var comparison = context.Node;
        // The parser turns != into <>.
        if (comparison.Kind != A_Expr_Kind.AexprOp || comparison.OperatorName() is not ("=" or "<>"))
        {
            return;
        }

        var nullOnRight = IsNull(comparison.Rexpr);
        if (!nullOnRight && !IsNull(comparison.Lexpr))
        {
            return;
        }

        var test = comparison.OperatorName() == "=" ? "IS NULL" : "IS NOT NULL";
        var span = context.GetSpan(comparison);
        var text = string.Join(' ', context.Document.Source.ToString(span).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var subject = text.Length <= MaxQuotedLength ? text : "This comparison";
        context.Report(Rule, span, RewriteAsNullTest(context, span, test, nullOnRight), subject, test);
    }

    /// <summary>The NULL literal, also with a cast (<c>NULL::text</c>).</summary>
    private static bool IsNull(Node? operand) =>
        operand.IsNullConstant() || operand?.TypeCast is { } cast && cast.Arg.IsNullConstant();

    /// <summary><c>x = NULL</c> becomes <c>x IS NULL</c>; <c>NULL = x</c> becomes <c>x IS NULL</c> too. Only for the bare literal.</summary>
    private static Fix? RewriteAsNullTest(NodeContext<A_Expr> context, TextSpan comparison, string test, bool nullOnRight)
    {
        var statement = context.Statement;
        var operatorIndex = statement.FindTokenIndex(statement.GetFileByteOffset(context.Node.Location));
        var literal = nullOnRight ? context.Node.Rexpr : context.Node.Lexpr;
        if (operatorIndex < 0 || operatorIndex + 1 >= statement.Tokens.Length || !literal.IsNullConstant())
        {
            return null;
        }

        var operatorSpan = statement.GetTokenSpanAt(operatorIndex);
        var spaced = operatorSpan.Start > 0 && char.IsWhiteSpace(statement.Source.Text[operatorSpan.Start - 1]) ? test : " " + test;
        TextEdit[] edits = nullOnRight
            ? [new TextEdit(TextSpan.FromBounds(operatorSpan.Start, statement.GetTokenSpan(literal.AConst.Location).End), spaced)]
            :
            [
                new TextEdit(TextSpan.FromBounds(comparison.Start, statement.GetTokenSpanAt(operatorIndex + 1).Start), string.Empty),
                TextEdit.Insert(comparison.End, " " + test),
            ];
        return new Fix(
            $"Replace the comparison with {test} (changes the result: rows where the value is NULL then match)",
            edits,
            FixSafety.Unsafe);
    }
}
