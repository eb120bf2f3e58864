using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2008: a long literal <c>IN (…)</c> list is a different statement text for every length, so
/// <c>pg_stat_statements</c> and prepared-statement caches see thousands of distinct queries, and
/// every call is parsed and planned anew. With one array parameter, <c>= ANY($1)</c>, the statement
/// text stays the same and the plan can be reused; the planner handles both forms the same way.
/// </summary>
/// <remarks>
/// Counted: constants and parameters in one <c>IN</c> list; the <c>maximum</c> option (default 100)
/// is the longest list not reported. <c>NOT IN</c> lists are counted too.
/// </remarks>
public sealed class LongInList : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2008",
        "long-in-list",
        "Pass long value lists as one array parameter",
        "IN list of {0} values: every list length is a different statement to parse, plan and track; pass the values as one array, = ANY($1).",
        RuleCategory.Performance,
        Severity.Info,
        description: "Long literal IN lists make every call a distinct statement to parse and plan; = ANY($1) with an array keeps one statement.",
        options: [new RuleOption("maximum", RuleOptionKind.Integer, 100, "The longest IN list not reported.")]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<A_Expr>(Analyze);

    private static void Analyze(NodeContext<A_Expr> context)
    {
        if (context.Node is not { Kind: A_Expr_Kind.AexprIn, Rexpr.List: { } list })
        {
            return;
        }

        var values = list.Items.Count(static i => (i.TypeCast?.Arg ?? i) is { NodeCase: Node.NodeOneofCase.AConst or Node.NodeOneofCase.ParamRef });
        if (values > context.Options.GetInt32(Rule, "maximum"))
        {
            context.Report(Rule, context.GetSpan(context.Node), values);
        }
    }
}
