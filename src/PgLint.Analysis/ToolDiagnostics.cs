namespace PgLint.Analysis;

/// <summary>The PG0xxx diagnostics the engine itself reports.</summary>
public static class ToolDiagnostics
{
    /// <summary>PG0001: a statement libpg_query rejects.</summary>
    public static readonly DiagnosticDescriptor SyntaxError = new(
        "PG0001",
        "syntax-error",
        "Fix the syntax error",
        "{0}.",
        RuleCategory.Tool,
        Severity.Error,
        description: "The statement is not valid PostgreSQL 15 syntax (or the file cannot be read); it is reported at the parser's error position and the file's other statements are still linted.");

    /// <summary>The PG0001 message for a statement the parser rejects.</summary>
    public static string SyntaxErrorMessage(string parserMessage) => $"PostgreSQL cannot parse this statement: {parserMessage}";

    /// <summary>The PG0001 message for a file that cannot be read.</summary>
    public static string ReadErrorMessage(string reason) => $"The file cannot be read: {reason.TrimEnd('.')}";

    /// <summary>PG0002: a rule threw.</summary>
    public static readonly DiagnosticDescriptor RuleFailed = new(
        "PG0002",
        "rule-failed",
        "Report a failing rule",
        "Rule {0} ({1}) failed on this statement with {2}: {3}.",
        RuleCategory.Tool,
        Severity.Warning,
        description: "A rule threw an exception; its findings for this file may be missing. The other rules still ran. Please report it with the statement.");

    /// <summary>PG0003: a suppression that suppressed nothing or names an unknown rule.</summary>
    public static readonly DiagnosticDescriptor UnusedSuppression = new(
        "PG0003",
        "unused-suppression",
        "Remove suppressions that suppress nothing",
        "{0}.",
        RuleCategory.Tool,
        Severity.Info,
        description: "A pglint-disable comment that suppressed no finding, or that names a rule that does not exist, hides nothing today and may hide a future finding by accident.");

    /// <summary>PG0004: invalid configuration.</summary>
    public static readonly DiagnosticDescriptor InvalidConfiguration = new(
        "PG0004",
        "invalid-configuration",
        "Fix the configuration",
        "{0}",
        RuleCategory.Tool,
        Severity.Error,
        description: "An unknown rule id, key or value in pglint.json or on the command line; the run stops with exit code 2.");

    /// <summary>PG0005: valid PostgreSQL of a release newer than the bundled parser's.</summary>
    public static readonly DiagnosticDescriptor UnsupportedSyntax = new(
        "PG0005",
        "unsupported-syntax",
        "Review statements in syntax newer than PostgreSQL 15 by hand",
        "{0} is PostgreSQL {1} syntax that the bundled parser (PostgreSQL 15) does not know, so no rule checked this statement.",
        RuleCategory.Tool,
        Severity.Info,
        description: "The statement uses syntax added in PostgreSQL 16 or 17 (SQL/JSON functions, MERGE … RETURNING, numeric literals such as 0x1F and 1_000 …). The target version accepts it, but the PostgreSQL 15 parser PgLint bundles does not, so no rule looked at the statement. The file's other statements are still linted.");

    /// <summary>The PG0001 addition for a statement in syntax newer than the target version.</summary>
    public static string NewerThanTargetMessage(string parserMessage, string construct, int introducedIn, PostgresVersion target) =>
        $"{SyntaxErrorMessage(parserMessage)}; {construct} needs PostgreSQL {introducedIn} or later and the target version is {target}";

    /// <summary>The tool's own descriptors.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = [SyntaxError, RuleFailed, UnusedSuppression, InvalidConfiguration, UnsupportedSyntax];
}

/// <summary>A configuration problem: PG0004, exit code 2. The message names the bad key or value.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public ConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigurationException()
        : base("Invalid configuration.")
    {
    }
}
