using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5003: <c>PUBLIC</c> is every role in the database, including roles created later and roles of
/// other applications sharing the database. A privilege granted to it (directly or through
/// <c>ALTER DEFAULT PRIVILEGES … TO PUBLIC</c>) cannot be taken from one of them without revoking it
/// from all. Granting to the role that needs the privilege keeps access explicit.
/// </summary>
/// <remarks>
/// Not reported: privileges PostgreSQL already gives PUBLIC by default (<c>EXECUTE</c> on functions and
/// procedures, <c>USAGE</c> on types, domains and languages) and <c>USAGE</c> on a schema, which only
/// lets roles look names up there. <c>REVOKE … FROM PUBLIC</c> is the opposite and is never reported.
/// In the <c>extension-script</c> profile the rule is informational: an extension exposes its API to
/// every role by design, and the database owner decides who may use it.
/// </remarks>
public sealed class GrantToPublic : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5003",
        "grant-to-public",
        "Grant privileges to roles, not to PUBLIC",
        "Granting {0} on {1} to PUBLIC gives it to every role in the database, present and future; grant it to the role that needs it.",
        RuleCategory.Security,
        Severity.Warning,
        description: "A privilege granted to PUBLIC belongs to every role, including roles created later.",
        profileLevels: new Dictionary<string, string> { [Profiles.ExtensionScript] = "info" });

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<GrantStmt>(Analyze);

    private static void Analyze(NodeContext<GrantStmt> context)
    {
        var grant = context.Node;
        if (!grant.IsGrant || Grants.PublicGrantee(grant) is not { } everyone)
        {
            return;
        }

        var privileges = grant.Privileges.Select(static p => p.AccessPriv?.PrivName ?? "?").ToList();
        var reported = privileges.Count == 0 ? ["all privileges"] : privileges.Where(p => !IsHarmless(grant.Objtype, p)).Select(static p => p.ToUpperInvariant()).ToList();
        if (reported.Count == 0)
        {
            return;
        }

        context.Report(Rule, context.GetSpan(everyone.Location), string.Join(", ", reported), Grants.Describe(grant));
    }

    private static bool IsHarmless(ObjectType type, string privilege) => (type, privilege) switch
    {
        (ObjectType.ObjectSchema, "usage") => true,
        (ObjectType.ObjectFunction or ObjectType.ObjectProcedure or ObjectType.ObjectRoutine, "execute") => true,
        (ObjectType.ObjectType or ObjectType.ObjectDomain or ObjectType.ObjectLanguage, "usage") => true,
        _ => false,
    };
}
