namespace PgLint.Cli;

/// <summary>The process exit codes of <c>pglint</c> (a public contract, see CLI.md).</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above <c>--fail-on</c>.</summary>
    public const int Success = 0;

    /// <summary>Findings at or above <c>--fail-on</c>.</summary>
    public const int Findings = 1;

    /// <summary>A usage or configuration error (PG0004).</summary>
    public const int UsageError = 2;

    /// <summary>An internal failure.</summary>
    public const int InternalError = 3;
}
