using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Health;

/// <summary>
/// PG9906: a <c>pg_hba.conf</c> line with <c>trust</c> for TCP/IP connections lets anyone who can reach
/// the port log in as any role it names, superusers included, without a password. <c>password</c>
/// sends the password in clear text and <c>md5</c> stores and checks a weak, replayable hash;
/// <c>scram-sha-256</c> (PostgreSQL 10 and later) is the safe password method.
/// </summary>
/// <remarks>
/// Runs over a live database only (<c>pglint db</c>) and reads <c>pg_hba_file_rules</c> (readable by superusers unless <c>EXECUTE</c> on
/// <c>pg_hba_file_rules()</c> was granted; without it the rule is silent). <c>local</c> (Unix socket)
/// lines are not reported: the socket's file permissions guard them, and <c>peer</c> or <c>trust</c>
/// there is a common, deliberate setup.
/// </remarks>
public sealed class TrustAuthentication : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9906",
        "trust-authentication",
        "Require SCRAM authentication over TCP/IP",
        "pg_hba.conf line {0} ({1} {2} {3} {4}) {5}.",
        RuleCategory.Health,
        Severity.Error,
        description: "trust over TCP/IP lets anyone who reaches the port in without a password; password and md5 are weaker than scram-sha-256.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        if (!context.IsLiveDatabase || context.Statistics is not { } statistics)
        {
            return;
        }

        var scramAvailable = statistics.ServerVersionNumber is null or >= 100000;
        foreach (var rule in statistics.HbaRules)
        {
            if (!rule.Type.StartsWith("host", StringComparison.Ordinal))
            {
                continue;
            }

            var consequence = rule.AuthMethod switch
            {
                "trust" => "lets anyone who can reach the server over TCP/IP connect as these roles without a password",
                "password" when scramAvailable => "sends passwords in clear text where scram-sha-256 is available",
                "md5" when scramAvailable => "accepts md5 password hashes where scram-sha-256 is available",
                _ => null,
            };
            if (consequence is null)
            {
                continue;
            }

            var address = rule.Address is null ? "all" : rule.Netmask is null ? rule.Address : $"{rule.Address}/{rule.Netmask}";
            context.ReportAt(
                Rule,
                new LogicalLocation("hba rule", $"pg_hba.conf:{rule.LineNumber}"),
                rule.LineNumber,
                rule.Type,
                string.Join(",", rule.Databases),
                string.Join(",", rule.Users),
                $"{address} {rule.AuthMethod}",
                consequence);
        }
    }
}
