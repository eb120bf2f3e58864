using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5012: <c>DISABLE ROW LEVEL SECURITY</c> switches every policy of the table off (its policies stay
/// defined, which hides the change from a reader of the schema), and <c>NO FORCE ROW LEVEL SECURITY</c>
/// lets the table's owner, usually the role the application connects as, bypass them again.
/// </summary>
/// <remarks>
/// Not reported: tables created earlier in the same file (no data, no readers yet), and
/// <c>ENABLE</c>/<c>FORCE</c>.
/// </remarks>
public sealed class DisableRls : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5012",
        "disable-rls",
        "Do not switch row-level security off",
        "{0} on {1} {2}.",
        RuleCategory.Security,
        Severity.Warning,
        description: "Disabling (or un-forcing) row-level security makes a table's policies stop filtering rows.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        var (what, consequence) = context.Node.Subtype switch
        {
            AlterTableType.AtDisableRowSecurity => ("DISABLE ROW LEVEL SECURITY", "stops every policy of the table from filtering rows: each role with table privileges sees and changes every row"),
            AlterTableType.AtNoForceRowSecurity => ("NO FORCE ROW LEVEL SECURITY", "lets the table's owner, often the role the application connects as, bypass the table's policies"),
            _ => (null, null),
        };
        if (what is null || context.FindAncestor<AlterTableStmt>() is not { Relation: { } relation })
        {
            return;
        }

        var name = relation.ToQualifiedName();
        if (context.Catalog.FindTable(name) is { } table && context.Migration.IsNew(table))
        {
            return;
        }

        context.ReportOnStatement(Rule, what, name.ToString(), consequence);
    }
}
