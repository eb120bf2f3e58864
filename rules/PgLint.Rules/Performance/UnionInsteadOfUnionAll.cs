using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2012: <c>UNION</c> removes duplicate rows, which costs a sort or a hash of the whole result.
/// When one output column holds a different constant in every branch (<c>SELECT 'open', … UNION
/// SELECT 'closed', …</c>) no row of one branch can equal a row of another, so the de-duplication
/// can only remove duplicates inside a branch; when there are none, <c>UNION ALL</c> returns the
/// same rows without the extra step.
/// </summary>
/// <remarks>
/// Only decided on columns where every branch has a plain string literal, or every branch a plain
/// integer literal, and the values differ between the two sides of the <c>UNION</c>.
/// </remarks>
public sealed class UnionInsteadOfUnionAll : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2012",
        "union-instead-of-union-all",
        "Use UNION ALL when the branches cannot return the same row",
        "The branches of this UNION differ in output column {0} ({1}), so no row can come from both; UNION still sorts or hashes the whole result to remove duplicates; use UNION ALL unless a branch can return duplicate rows of its own that must go.",
        RuleCategory.Performance,
        Severity.Info,
        description: "UNION de-duplicates the whole result; when a constant column tells the branches apart, UNION ALL returns the same rows without the sort or hash.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        var union = context.Node;
        if (union is not { Op: SetOperation.SetopUnion, All: false, Larg: not null, Rarg: not null })
        {
            return;
        }

        // Nested UNIONs are reported once, at the outermost.
        if (context.Parent?.Node is SelectStmt { Op: SetOperation.SetopUnion, All: false })
        {
            return;
        }

        var branches = new List<SelectStmt>();
        Flatten(union, branches);
        if (branches.Count < 2 || branches.Any(static b => b.Op != SetOperation.SetopNone || b.ValuesLists.Count > 0))
        {
            return;
        }

        var columns = branches.Min(static b => b.TargetList.Count);
        for (var i = 0; i < columns; i++)
        {
            var values = branches.Select(b => Literal(b.TargetList[i].ResTarget?.Val)).ToList();
            if (values.Any(static v => v is null) || values.Select(static v => v!.Value.Kind).Distinct().Count() != 1)
            {
                continue;
            }

            var texts = values.Select(static v => v!.Value.Text).ToList();
            if (texts.Distinct(StringComparer.Ordinal).Count() == texts.Count)
            {
                var shown = string.Join(", ", texts.Take(4).Select(t => values[0]!.Value.Kind == A_Const.ValOneofCase.Sval ? $"'{t}'" : t));
                context.Report(Rule, UnionKeyword(context, union, branches[0]), i + 1, texts.Count > 4 ? shown + ", …" : shown);
                return;
            }
        }
    }

    /// <summary>The branches of a tree of plain UNIONs (UNION ALL inside keeps its own rows, so it is a branch too).</summary>
    private static void Flatten(SelectStmt query, List<SelectStmt> branches)
    {
        if (query is { Op: SetOperation.SetopUnion, Larg: not null, Rarg: not null })
        {
            Flatten(query.Larg, branches);
            Flatten(query.Rarg, branches);
        }
        else
        {
            branches.Add(query);
        }
    }

    private static (A_Const.ValOneofCase Kind, string Text)? Literal(Node? value) => value?.AConst switch
    {
        { Isnull: false, ValCase: A_Const.ValOneofCase.Sval } c => (c.ValCase, c.Sval.Sval),
        { Isnull: false, ValCase: A_Const.ValOneofCase.Ival } c => (c.ValCase, c.Ival.Ival.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        _ => null,
    };

    private static TextSpan UnionKeyword(NodeContext<SelectStmt> context, SelectStmt union, SelectStmt first)
    {
        var statement = context.Statement;
        var end = context.GetSpan(first).End;
        var after = statement.FindTokenIndex(statement.Source.GetByteOffset(end) - 1);
        var keyword = after < 0 ? -1 : statement.IndexOfToken(Token.Union, after + 1);
        return keyword < 0 ? context.GetSpan(union) : statement.GetTokenSpanAt(keyword);
    }
}
