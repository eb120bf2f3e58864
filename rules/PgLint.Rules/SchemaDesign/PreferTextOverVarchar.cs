using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3001: PostgreSQL stores <c>text</c>, <c>varchar</c> and <c>varchar(n)</c> the same way; the length limit only adds a check on every write. Limits picked without a business reason (<c>varchar(255)</c>) have to be raised by a later migration when real data exceeds them. <c>text</c> with a named <c>CHECK (length(col) &lt;= n)</c> states a real limit explicitly and can be changed with <c>NOT VALID</c> without touching the column.
/// </summary>
/// <remarks>Not reported: <c>varchar</c> without a length (the same as <c>text</c>). The rule is a matter of policy: teams that want the length in the type turn it off.</remarks>
public sealed class PreferTextOverVarchar : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3001",
        "prefer-text-over-varchar",
        "Use text instead of varchar(n)",
        "Column {0} is {1}: in PostgreSQL varchar(n) is stored and performs like text, and raising the limit later is a migration of its own; use text, with a CHECK on length() where a limit is a business rule.",
        RuleCategory.SchemaDesign,
        Severity.Info,
        description: "varchar(n) is stored like text; its limit only adds a check, and raising it later needs a migration. text with a CHECK on length states a real limit.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<ColumnDef>(Analyze);

    private static void Analyze(NodeContext<ColumnDef> context)
    {
        var type = context.Node.TypeName;
        if (type is null || ColumnTypes.IsResultColumn(context) || ColumnTypes.BuiltInName(type) != "varchar" || type.Typmods.Count == 0)
        {
            return;
        }

        context.Report(Rule, ColumnTypes.TypeSpan(context, type), QualifiedName.Quote(ColumnTypes.ColumnName(context)), ColumnTypes.Format(type));
    }
}
