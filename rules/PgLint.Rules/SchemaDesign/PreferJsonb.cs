using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3007: <c>json</c> stores the input text verbatim and parses it again on every operator or
/// function call. It has no equality operator (so no <c>DISTINCT</c>, <c>GROUP BY</c> or unique
/// index on it) and no GIN operator class, so containment and key-existence queries cannot use an
/// index. <c>jsonb</c> stores a parsed binary form, supports <c>@&gt;</c>, <c>?</c> and GIN indexes,
/// and is what new columns should use.
/// </summary>
/// <remarks>
/// Only column definitions are reported. The fix is offered in <c>CREATE TABLE</c> and
/// <c>ADD COLUMN</c>; it is unsafe because <c>jsonb</c> does not keep key order, duplicate keys or
/// insignificant white space, which matters only if the exact input text must be returned.
/// </remarks>
public sealed class PreferJsonb : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3007",
        "prefer-jsonb",
        "Use jsonb instead of json",
        "Column {0} is json: it is stored as text and parsed again on every access, has no equality operator and cannot be GIN-indexed; use jsonb.",
        RuleCategory.SchemaDesign,
        Severity.Warning,
        description: "json is reparsed on every access and cannot be compared or GIN-indexed; jsonb is stored parsed and supports containment queries with indexes.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<ColumnDef>(Analyze);

    private static void Analyze(NodeContext<ColumnDef> context)
    {
        var type = context.Node.TypeName;
        if (type is null || ColumnTypes.IsResultColumn(context) || ColumnTypes.BuiltInName(type) != "json")
        {
            return;
        }

        var first = ColumnTypes.FirstTokenIndex(context, type);
        var fix = ColumnTypes.IsNewColumn(context) && first >= 0
            ? new Fix("Use jsonb (key order, duplicate keys and white space of the input are then not kept)", [new TextEdit(context.Statement.GetTokenSpanAt(first), "jsonb")], FixSafety.Unsafe)
            : null;
        context.Report(Rule, ColumnTypes.TypeSpan(context, type), fix, QualifiedName.Quote(ColumnTypes.ColumnName(context)));
    }
}
