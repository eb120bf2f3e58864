using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5008: <c>SUPERUSER</c> skips every permission check (and can run programs and read files on the
/// server), <c>BYPASSRLS</c> ignores every row-level security policy, and <c>CREATEROLE</c> can create
/// and manage other roles (before PostgreSQL 16, any non-superuser role, and grant itself their
/// privileges). A migration that hands these out makes one stolen credential worth the whole database.
/// </summary>
/// <remarks>
/// Not reported: <c>NOSUPERUSER</c>, <c>NOBYPASSRLS</c>, <c>NOCREATEROLE</c>, which take the attributes away.
/// </remarks>
public sealed class SuperuserOrBypassrlsRole : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5008",
        "superuser-or-bypassrls-role",
        "Do not give roles SUPERUSER, BYPASSRLS or CREATEROLE in migrations",
        "Role {0} gets {1}, so it {2}; give it the privileges it needs instead.",
        RuleCategory.Security,
        Severity.Warning,
        description: "SUPERUSER, BYPASSRLS and CREATEROLE reach far beyond what an application role needs.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (Roles.Of(context.Root) is not { } role)
        {
            return;
        }

        foreach (var option in role.Options)
        {
            if (option.Arg?.Boolean is not { Boolval: true } && option.Arg?.Integer is not { Ival: not 0 })
            {
                continue;
            }

            var consequence = option.Defname switch
            {
                "superuser" => "passes every permission check, can read server files and run programs on the server",
                "bypassrls" => "sees and changes every row of every table regardless of row-level security policies",
                "createrole" => "can create, alter and drop roles and grant role memberships",
                _ => null,
            };
            if (consequence is not null)
            {
                context.Report(Rule, context.GetSpan(option.Location), role.Role, option.Defname.ToUpperInvariant(), consequence);
            }
        }
    }
}
