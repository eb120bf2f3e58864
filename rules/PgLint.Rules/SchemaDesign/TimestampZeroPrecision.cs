using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3010: a precision of 0 makes PostgreSQL round, not truncate, the fractional seconds of every value stored. A <c>now()</c> taken at 12:00:00.6 is stored as 12:00:01: half a second in the future, which breaks comparisons such as <c>created_at &lt;= now()</c> and orderings against columns of full precision.
/// </summary>
/// <remarks>Only <c>timestamp(0)</c> and <c>timestamptz(0)</c> column definitions are reported; other precisions round too but far less visibly.</remarks>
public sealed class TimestampZeroPrecision : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3010",
        "timestamp-zero-precision",
        "Do not round timestamps to whole seconds with timestamp(0)",
        "Column {0} is {1}: PostgreSQL rounds the fractional seconds to the nearest second rather than truncating, so a stored now() can be up to half a second in the future; keep the default precision and truncate with date_trunc where whole seconds are wanted.",
        RuleCategory.SchemaDesign,
        Severity.Info,
        description: "timestamp(0) and timestamptz(0) round to the nearest second, so stored values can lie up to half a second in the future.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<ColumnDef>(Analyze);

    private static void Analyze(NodeContext<ColumnDef> context)
    {
        var type = context.Node.TypeName;
        if (type is null || ColumnTypes.IsResultColumn(context) || !(ColumnTypes.BuiltInName(type) is "timestamp" or "timestamptz") || type.Typmods is not [{ } precision] || precision.ConstantText() != "0")
        {
            return;
        }

        context.Report(Rule, ColumnTypes.TypeSpan(context, type), QualifiedName.Quote(ColumnTypes.ColumnName(context)), ColumnTypes.Format(type));
    }
}
