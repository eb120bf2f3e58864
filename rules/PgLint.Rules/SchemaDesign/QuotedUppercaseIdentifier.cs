using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>
/// PG3011: PostgreSQL folds unquoted names to lower case, so a table created as <c>"UserAccounts"</c>
/// can only ever be named with the quotes and the exact case: <c>SELECT * FROM UserAccounts</c> looks
/// for <c>useraccounts</c> and fails. Every query, tool and psql session has to quote it. Lower-case
/// snake_case names work quoted or not.
/// </summary>
/// <remarks>Reported where the name is defined: tables, views and columns in <c>CREATE</c> and <c>ADD COLUMN</c>.</remarks>
public sealed class QuotedUppercaseIdentifier : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG3011",
        "quoted-uppercase-identifier",
        "Use lower-case names instead of quoted mixed-case identifiers",
        "{0} can only be referred to quoted and in exactly this case, because PostgreSQL folds unquoted names to lower case; use a lower-case snake_case name.",
        RuleCategory.SchemaDesign,
        Severity.Info,
        description: "Quoted names with upper case must be quoted everywhere they are used; unquoted names fold to lower case.",
        profileLevels: SchemaProfiles.OffForQueries());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        NewNames.Register(context, Rule, static name => HasUpperCase(name) ? [QualifiedName.Quote(name)] : null);

    private static bool HasUpperCase(string name) => name.Any(char.IsUpper);
}
