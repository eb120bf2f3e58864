using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5004: <c>GRANT ALL</c> gives every privilege the object type has, including the ones nobody
/// meant to give: <c>TRUNCATE</c>, <c>REFERENCES</c> and <c>TRIGGER</c> on tables, <c>CREATE</c> on
/// schemas and databases, and whatever privilege a later PostgreSQL adds (<c>MAINTAIN</c> arrived in 17).
/// Listing the privileges a role uses keeps it to them.
/// </summary>
/// <remarks>
/// Not reported: object types with a single privilege, where <c>ALL</c> means just that one
/// (functions, procedures, types, domains, languages, tablespaces, foreign servers and wrappers), and
/// <c>REVOKE ALL</c>, which is how privileges are reset.
/// </remarks>
public sealed class GrantAll : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5004",
        "grant-all",
        "Grant the privileges a role uses, not ALL",
        "GRANT ALL on {0} to {1} also gives {2}; list the privileges the role uses.",
        RuleCategory.Security,
        Severity.Warning,
        description: "GRANT ALL gives every privilege of the object type, present and future.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<GrantStmt>(Analyze);

    private static void Analyze(NodeContext<GrantStmt> context)
    {
        var grant = context.Node;
        if (!grant.IsGrant || grant.Privileges.Count > 0 || Extra(grant.Objtype) is not { } extra)
        {
            return;
        }

        context.Report(Rule, context.Statement.FindKeyword(Token.All) ?? context.Statement.Span, Grants.Describe(grant), Grants.Grantees(grant), extra);
    }

    private static string? Extra(ObjectType type) => type switch
    {
        ObjectType.ObjectTable => "DELETE, TRUNCATE, REFERENCES and TRIGGER (and every table privilege a later PostgreSQL adds)",
        ObjectType.ObjectSequence => "UPDATE, which lets the role setval() the sequence",
        ObjectType.ObjectSchema => "CREATE, which lets the role put objects into the schema",
        ObjectType.ObjectDatabase => "CREATE and TEMPORARY, which let the role create schemas and temporary tables",
        ObjectType.ObjectLargeobject => "UPDATE",
        ObjectType.ObjectParameterAcl => "ALTER SYSTEM",
        _ => null,
    };
}
