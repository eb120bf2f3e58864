using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2005: <c>OFFSET n</c> does not skip rows, it produces them and throws them away: page 1000 of
/// 20 rows reads 20,000 rows (through the sort and every join) to return 20. Deep pages get slower
/// linearly, and rows inserted or deleted between requests shift the pages. Keyset pagination
/// (<c>WHERE (created_at, id) &lt; ($1, $2) ORDER BY created_at DESC, id DESC LIMIT 20</c>) reads
/// only the rows it returns, from an index.
/// </summary>
/// <remarks>
/// Reported for a constant <c>OFFSET</c> at or above the <c>threshold</c> option (default 1000) and
/// for a parameter (<c>OFFSET $1</c>), whose value grows with the page number.
/// </remarks>
public sealed class LargeOffset : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2005",
        "large-offset",
        "Use keyset pagination instead of large OFFSETs",
        "{0} makes PostgreSQL produce and discard every skipped row, so each deeper page is slower; paginate by key: WHERE sort_key > last_seen ORDER BY sort_key LIMIT n.",
        RuleCategory.Performance,
        Severity.Warning,
        description: "OFFSET reads and discards the skipped rows, so deep pages cost time proportional to the offset; keyset pagination reads only the rows returned.",
        options: [new RuleOption("threshold", RuleOptionKind.Integer, 1000, "The smallest constant OFFSET reported.")]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        var offset = context.Node.LimitOffset;
        if (offset is null)
        {
            return;
        }

        var value = offset.TypeCast?.Arg ?? offset;
        var isParameter = value.ParamRef is not null;
        var isLarge = long.TryParse(value.ConstantText(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rows)
            && rows >= context.Options.GetInt32(Rule, "threshold");
        if (isParameter || isLarge)
        {
            var span = context.GetSpan(offset);
            var keyword = context.Statement.FindTokenIndex(context.Statement.ByteStart + offset.GetLocation()) - 1;
            if (keyword >= 0 && context.Statement.Tokens[keyword].Kind == Token.Offset)
            {
                span = Syntax.TextSpan.FromBounds(context.Statement.GetTokenSpanAt(keyword).Start, span.End);
            }

            context.Report(Rule, span, isParameter ? "OFFSET with a parameter" : $"OFFSET {rows}");
        }
    }
}
