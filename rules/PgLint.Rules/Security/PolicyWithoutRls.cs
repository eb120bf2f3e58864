using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5007: a policy does nothing until row-level security is enabled on its table. Without
/// <c>ALTER TABLE … ENABLE ROW LEVEL SECURITY</c>, every role with the table privilege sees and
/// changes every row, while the policy in the schema suggests the rows are protected: a data leak
/// that reads as secure code.
/// </summary>
/// <remarks>
/// Checked against the catalog at the end of the set, so RLS enabled by a later migration counts;
/// reported at the <c>CREATE POLICY</c>. Not reported: policies from <c>--schema</c>, policies on
/// tables the catalog does not know (<c>CREATE POLICY</c> on them changes nothing in it), and
/// policies dropped before the end.
/// </remarks>
public sealed class PolicyWithoutRls : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5007",
        "policy-without-rls",
        "Enable row-level security on tables that have policies",
        "Policy {0} on {1} has no effect: row-level security is never enabled on {1}.",
        RuleCategory.Security,
        Severity.Error,
        description: "A policy on a table without row-level security enabled is ignored, so every row stays visible.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        foreach (var policy in context.Catalog.Policies)
        {
            if (context.Catalog.FindTable(policy.Table) is { RowLevelSecurity: false } table)
            {
                context.ReportAt(Rule, policy.Origin, QualifiedName.Quote(policy.Name), table.Name.ToString());
            }
        }
    }
}
