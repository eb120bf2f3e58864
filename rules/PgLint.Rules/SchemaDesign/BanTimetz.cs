using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3009: <c>time with time zone</c> (<c>timetz</c>) stores a time of day with a fixed UTC offset. Without a date the offset cannot follow daylight-saving changes, so the stored value is right for only part of the year; the PostgreSQL documentation says the type exists for SQL-standard compliance and recommends against it. <c>CURRENT_TIME</c> returns this type.
/// </summary>
/// <remarks>Reported: columns of type <c>timetz</c>, and calls of <c>CURRENT_TIME</c>. <c>LOCALTIME</c> and <c>time</c> are not reported.</remarks>
public sealed class BanTimetz : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3009",
        "ban-timetz",
        "Do not use time with time zone",
        "{0} time with time zone: a time of day with a fixed UTC offset cannot follow daylight-saving changes, and PostgreSQL's documentation advises against the type; use timestamptz, or time with the zone in its own column.",
        RuleCategory.SchemaDesign,
        Severity.Warning,
        description: "time with time zone keeps a fixed offset without a date, so it cannot follow daylight-saving changes; the PostgreSQL documentation recommends against it.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<ColumnDef>(Analyze);
        context.RegisterNodeAction<SQLValueFunction>(AnalyzeCurrentTime);
    }

    private static void Analyze(NodeContext<ColumnDef> context)
    {
        var type = context.Node.TypeName;
        if (type is null || ColumnTypes.IsResultColumn(context) || ColumnTypes.BuiltInName(type) != "timetz")
        {
            return;
        }

        context.Report(Rule, ColumnTypes.TypeSpan(context, type), $"Column {QualifiedName.Quote(ColumnTypes.ColumnName(context))} is");
    }

    private static void AnalyzeCurrentTime(NodeContext<SQLValueFunction> context)
    {
        if (context.Node.Op is SQLValueFunctionOp.SvfopCurrentTime or SQLValueFunctionOp.SvfopCurrentTimeN)
        {
            context.Report(Rule, context.GetSpan(context.Node), "CURRENT_TIME returns");
        }
    }
}
