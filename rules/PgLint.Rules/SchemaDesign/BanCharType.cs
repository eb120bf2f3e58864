using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3002: <c>char(n)</c> (<c>character(n)</c>, <c>bpchar</c>) pads every value with spaces to <c>n</c> characters. The padding is insignificant in comparisons between <c>char</c> values but is kept or dropped unpredictably when the value is cast, concatenated or compared with <c>text</c> (<c>'a'::char(3) || 'b'</c> is <c>ab</c>, <c>length()</c> ignores it, <c>LIKE</c> sees it), and the type is not faster or smaller than <c>text</c>: PostgreSQL stores all three string types the same way.
/// </summary>
/// <remarks>Not reported: the internal single-byte type <c>"char"</c>, and <c>varchar</c>.</remarks>
public sealed class BanCharType : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3002",
        "ban-char-type",
        "Use text or varchar instead of char(n)",
        "Column {0} is {1}: char(n) pads values with spaces to the full length, the padding is ignored by some operations and kept by others, and it is not stored more compactly; use text or varchar.",
        RuleCategory.SchemaDesign,
        Severity.Warning,
        description: "char(n) pads values with spaces and treats the padding inconsistently; text and varchar are stored the same way without that trap.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<ColumnDef>(Analyze);

    private static void Analyze(NodeContext<ColumnDef> context)
    {
        var type = context.Node.TypeName;
        if (type is null || ColumnTypes.IsResultColumn(context) || ColumnTypes.BuiltInName(type) != "bpchar")
        {
            return;
        }

        context.Report(Rule, ColumnTypes.TypeSpan(context, type), QualifiedName.Quote(ColumnTypes.ColumnName(context)), ColumnTypes.Format(type));
    }
}
