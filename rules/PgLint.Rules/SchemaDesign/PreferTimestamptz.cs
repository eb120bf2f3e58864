using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3003: <c>timestamp</c> (<c>timestamp without time zone</c>) stores a wall-clock reading with no
/// time zone. Values written by sessions or servers in different time zones, or across a
/// daylight-saving change, cannot be compared or ordered reliably, and <c>now()</c> is silently
/// converted to the session's local time when stored. <c>timestamptz</c> stores an absolute instant
/// (in UTC) and converts to the session's <c>TimeZone</c> only for display; it takes the same 8 bytes.
/// </summary>
/// <remarks>
/// Only column definitions are reported (casts in queries are left alone). The fix is offered in
/// <c>CREATE TABLE</c> and <c>ADD COLUMN</c>; it is unsafe because the application then reads the
/// values in the session's time zone.
/// </remarks>
public sealed class PreferTimestamptz : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3003",
        "prefer-timestamptz",
        "Use timestamptz instead of timestamp",
        "Column {0} is {1}: it stores a wall-clock time without a time zone, so values written from different time zones or across a daylight-saving change cannot be compared; use timestamptz, which stores an absolute instant in the same 8 bytes.",
        RuleCategory.SchemaDesign,
        Severity.Warning,
        description: "timestamp without time zone stores wall-clock readings that cannot be compared across time zones; timestamptz stores absolute instants at the same size.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<ColumnDef>(Analyze);

    private static void Analyze(NodeContext<ColumnDef> context)
    {
        var type = context.Node.TypeName;
        if (type is null || ColumnTypes.IsResultColumn(context) || ColumnTypes.BuiltInName(type) != "timestamp")
        {
            return;
        }

        var fix = ColumnTypes.IsNewColumn(context) ? RewriteAsTimestamptz(context, type) : null;
        context.Report(Rule, ColumnTypes.TypeSpan(context, type), fix, QualifiedName.Quote(ColumnTypes.ColumnName(context)), ColumnTypes.Format(type));
    }

    /// <summary><c>timestamp(3) without time zone</c> becomes <c>timestamptz(3)</c>.</summary>
    private static Fix? RewriteAsTimestamptz(StatementContext context, TypeName type)
    {
        var statement = context.Statement;
        var first = ColumnTypes.FirstTokenIndex(context, type);
        if (first < 0 || statement.Tokens[first].Kind != Token.Timestamp)
        {
            return null;
        }

        var last = ColumnTypes.LastTokenIndex(statement, first);
        var modifiers = type.Typmods.Count == 0 ? string.Empty : $"({string.Join(", ", type.Typmods.Select(static m => m.ConstantText()))})";
        var brackets = string.Concat(Enumerable.Repeat("[]", type.ArrayBounds.Count));
        var span = TextSpan.FromBounds(statement.GetTokenSpanAt(first).Start, statement.GetTokenSpanAt(last).End);
        return new Fix("Use timestamptz (the application then reads values in the session's TimeZone)", [new TextEdit(span, "timestamptz" + modifiers + brackets)], FixSafety.Unsafe);
    }
}
