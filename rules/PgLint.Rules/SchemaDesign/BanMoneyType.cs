using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3004: the <c>money</c> type stores an integer number of the smallest currency unit whose scale and output format (currency symbol, separators) come from the <c>lc_monetary</c> setting. A dump restored on a server with another <c>lc_monetary</c>, or a client with different expectations, reads different amounts; division rounds to the locale's fractional digits, and it cannot hold more than one currency. <c>numeric(p, s)</c> is exact and locale-independent.
/// </summary>
/// <remarks>Only column definitions are reported; casts to <c>money</c> in queries are left alone.</remarks>
public sealed class BanMoneyType : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3004",
        "ban-money-type",
        "Use numeric instead of money",
        "Column {0} is money: its fractional digits and currency symbol come from the lc_monetary setting, so a dump restored under another locale or read by another client changes its values; use numeric(p, s) and keep the currency in its own column.",
        RuleCategory.SchemaDesign,
        Severity.Warning,
        description: "money takes its scale and format from lc_monetary, so values change meaning across servers and clients; numeric is exact and locale-independent.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<ColumnDef>(Analyze);

    private static void Analyze(NodeContext<ColumnDef> context)
    {
        var type = context.Node.TypeName;
        if (type is null || ColumnTypes.IsResultColumn(context) || ColumnTypes.BuiltInName(type) != "money")
        {
            return;
        }

        context.Report(Rule, ColumnTypes.TypeSpan(context, type), QualifiedName.Quote(ColumnTypes.ColumnName(context)), ColumnTypes.Format(type));
    }
}
