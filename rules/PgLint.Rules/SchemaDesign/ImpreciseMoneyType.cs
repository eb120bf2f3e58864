using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3015: <c>real</c> and <c>double precision</c> are binary floating-point types: most decimal
/// fractions, such as 0.10, have no exact representation, so sums of prices drift by fractions of a
/// cent, comparisons with exact amounts fail, and rounding differs between the database and the
/// application. Amounts of money need <c>numeric(p, s)</c> (or an integer number of cents).
/// </summary>
/// <remarks>
/// The rule judges by name: a floating-point column whose name has a part <c>price</c>,
/// <c>amount</c>, <c>cost</c>, <c>balance</c> or <c>total</c> (or their plurals), separated by
/// underscores. Measurements with such names (<c>total_distance</c>) are reported too; suppress them.
/// </remarks>
public sealed class ImpreciseMoneyType : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3015",
        "imprecise-money-type",
        "Store amounts of money as numeric, not floating point",
        "Column {0} looks like an amount of money but is {1}, a binary floating-point type that cannot represent most decimal fractions exactly, so sums and comparisons drift; use numeric(p, s).",
        RuleCategory.SchemaDesign,
        Severity.Info,
        description: "real and double precision cannot store most decimal fractions exactly; amounts of money need numeric.",
        profileLevels: SchemaProfiles.OffForQueries());

    private static readonly HashSet<string> MoneyWords = ["price", "prices", "amount", "amounts", "cost", "costs", "balance", "balances", "total", "totals"];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<ColumnDef>(Analyze);

    private static void Analyze(NodeContext<ColumnDef> context)
    {
        var type = context.Node.TypeName;
        var name = ColumnTypes.ColumnName(context);
        if (type is null || ColumnTypes.IsResultColumn(context) || ColumnTypes.BuiltInName(type) is not ("float4" or "float8" or "real" or "float")
            || !name.ToLowerInvariant().Split('_').Any(MoneyWords.Contains))
        {
            return;
        }

        context.Report(Rule, ColumnTypes.TypeSpan(context, type), QualifiedName.Quote(name), ColumnTypes.Format(type));
    }
}
