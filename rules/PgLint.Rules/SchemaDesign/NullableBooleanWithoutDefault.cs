using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3017: a <c>boolean</c> column that allows NULL and has no default has three states: true, false
/// and "unknown". Queries written for two (<c>WHERE NOT archived</c>) silently skip the NULL rows,
/// and every reader has to decide what NULL means. <c>NOT NULL DEFAULT false</c> keeps it a yes/no
/// flag.
/// </summary>
/// <remarks>
/// Off by default: a nullable boolean is sometimes the right model ("not answered yet"). Only
/// <c>CREATE TABLE</c> and <c>ADD COLUMN</c> are checked.
/// </remarks>
public sealed class NullableBooleanWithoutDefault : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3017",
        "nullable-boolean-without-default",
        "Give boolean columns NOT NULL and a default",
        "Boolean column {0} allows NULL and has no default, so it has three states and conditions such as WHERE NOT {0} silently skip the NULL rows; declare it NOT NULL DEFAULT false (or true).",
        RuleCategory.SchemaDesign,
        Severity.Info,
        isEnabledByDefault: false,
        description: "A nullable boolean without default has a third, NULL state that two-valued conditions silently skip.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<ColumnDef>(Analyze);

    private static void Analyze(NodeContext<ColumnDef> context)
    {
        var column = context.Node;
        if (!ColumnTypes.IsNewColumn(context) || ColumnTypes.BuiltInName(column.TypeName) is not ("bool" or "boolean") || column.TypeName.ArrayBounds.Count > 0
            || column.IsNotNull || column.RawDefault is not null
            || column.Constraints.Any(static c => c.Constraint?.Contype is ConstrType.ConstrNotnull or ConstrType.ConstrDefault or ConstrType.ConstrPrimary or ConstrType.ConstrGenerated))
        {
            return;
        }

        context.Report(Rule, ColumnTypes.TypeSpan(context, column.TypeName), QualifiedName.Quote(column.Colname));
    }
}
