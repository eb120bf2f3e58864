using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Security;

/// <summary>
/// PG5005: a password written into <c>CREATE ROLE … PASSWORD '…'</c> or <c>ALTER ROLE … PASSWORD '…'</c>
/// is a secret in version control, in the server log (with <c>log_statement = ddl</c>) and in
/// <c>pg_stat_statements</c>. An md5 hash is no better: under md5 authentication the hash is what the
/// client proves it knows, so it logs in as well as the password. A SCRAM verifier does not log in but
/// lets anyone who reads it guess the password offline.
/// </summary>
/// <remarks>
/// Not reported: <c>PASSWORD NULL</c> and <c>PASSWORD ''</c> (which PostgreSQL turns into no password), and passwords that are not literals (a <c>format()</c> in
/// <c>EXECUTE</c> of a DO block, a psql variable). The message never repeats the literal.
/// </remarks>
public sealed class PlaintextPassword : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG5005",
        "plaintext-password",
        "Keep role passwords out of SQL files",
        "Role {0} is given {1} in the statement, where anyone who reads the file, the server log or pg_stat_statements can use it; set the password outside the migration (psql \\password, or a secret the deploy supplies).",
        RuleCategory.Security,
        Severity.Error,
        description: "A password literal in CREATE/ALTER ROLE puts a secret (or an md5 hash that works as one) in version control.");

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
            if (option.Defname == "password" && option.Arg?.String?.Sval is { Length: > 0 } secret)
            {
                context.Report(Rule, context.GetSpan(option.Location), role.Role, Describe(secret));
            }
        }
    }

    private static string Describe(string secret)
    {
        if (secret.Length == 35 && secret.StartsWith("md5", StringComparison.Ordinal) && secret.Skip(3).All(char.IsAsciiHexDigitLower))
        {
            return "an md5 password hash, which logs in as well as the password itself under md5 authentication,";
        }

        return IsScramVerifier(secret)
            ? "a SCRAM verifier, which lets its reader guess the password offline,"
            : "a plaintext password";
    }

    /// <summary>
    /// Whether PostgreSQL stores <paramref name="secret"/> as it is, as a SCRAM-SHA-256 verifier
    /// (<c>SCRAM-SHA-256$iterations:salt$storedkey:serverkey</c>, base64 salt and 32-byte keys);
    /// anything else that starts with the prefix is hashed as a plaintext password.
    /// </summary>
    private static bool IsScramVerifier(string secret)
    {
        const string Prefix = "SCRAM-SHA-256$";
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = secret[Prefix.Length..].Split('$');
        if (parts.Length != 2)
        {
            return false;
        }

        var iterationsAndSalt = parts[0].Split(':');
        var keys = parts[1].Split(':');
        return iterationsAndSalt.Length == 2
            && keys.Length == 2
            && int.TryParse(iterationsAndSalt[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations)
            && iterations > 0
            && DecodedLength(iterationsAndSalt[1]) > 0
            && DecodedLength(keys[0]) == 32
            && DecodedLength(keys[1]) == 32;
    }

    private static int DecodedLength(string base64)
    {
        var buffer = new byte[(base64.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? written : -1;
    }
}
