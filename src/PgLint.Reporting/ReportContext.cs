using System.Reflection;
using PgLint.Analysis;
using PgLint.Syntax;

namespace PgLint.Reporting;

/// <summary>Everything a reporter needs to know about a run: its findings, the rules, and how it was invoked.</summary>
public sealed class ReportContext
{
    private readonly string _baseDirectory = string.Empty;
    private readonly TimeSpan? _elapsed;

    /// <summary>The version of this library, used when no <see cref="ToolVersion"/> is given.</summary>
    public static string DefaultToolVersion { get; } = GetDefaultToolVersion();

    /// <summary>The findings, suppressed ones included.</summary>
    public required LintResult Result { get; init; }

    /// <summary>The rules known to the run: their metadata.</summary>
    public required RuleRegistry Registry { get; init; }

    /// <summary>The effective rule states and severities.</summary>
    public required LintSettings Settings { get; init; }

    /// <summary>
    /// The folder paths are reported relative to (the SARIF <c>%SRCROOT%</c>): usually the working
    /// directory or the repository root. Stored as a full path.
    /// </summary>
    public required string BaseDirectory
    {
        get => _baseDirectory;
        init => _baseDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(value));
    }

    /// <summary>True to colour the text report with ANSI escape codes.</summary>
    public bool UseColor { get; init; }

    /// <summary>The tool's semantic version.</summary>
    public string ToolVersion { get; init; } = DefaultToolVersion;

    /// <summary>The markdown of a rule's documentation page by rule id, or null when there is none.</summary>
    public Func<string, string?> RuleDocumentation { get; init; } = static _ => null;

    /// <summary>The command line as typed, for the SARIF invocation.</summary>
    public string? CommandLine { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public DateTime? StartTimeUtc { get; init; }

    /// <summary>When the run ended (UTC).</summary>
    public DateTime? EndTimeUtc { get; init; }

    /// <summary>False when the tool could not do its work (not when it found problems).</summary>
    public bool Succeeded { get; init; } = true;

    /// <summary>Things the tool wants to say about the run itself (SARIF tool execution notifications).</summary>
    public IReadOnlyList<string> Notifications { get; init; } = [];

    /// <summary>The loaded rule packs: their rules' metadata goes to SARIF <c>tool.extensions</c>, the rest stays with the driver.</summary>
    public IReadOnlyList<RulePack> RulePacks { get; init; } = [];

    /// <summary>True when a baseline file was applied, so that SARIF results carry a <c>baselineState</c>.</summary>
    public bool UsesBaseline { get; init; }

    /// <summary>True when the text report ends with each file's lock footprint (<c>pglint check --locks</c>).</summary>
    public bool ShowLocks { get; init; }

    /// <summary>The name of the live database the run linted (<c>pglint db</c>), or null for a run over files only.</summary>
    public string? Database { get; init; }

    /// <summary>
    /// The file SARIF places findings without one at (line 1), keeping their logical location:
    /// GitHub code scanning requires every result to have a physical location. <c>pglint db</c>
    /// sets it to the first <c>--schema</c> file. Null leaves such results with a logical location only.
    /// </summary>
    public SourceText? UnlocatedArtifact { get; init; }

    /// <summary>The time reported in the summary; the run's own wall-clock time unless set.</summary>
    public TimeSpan Elapsed
    {
        get => _elapsed ?? Result.Elapsed;
        init => _elapsed = value;
    }

    private static string GetDefaultToolVersion()
    {
        var assembly = typeof(ReportContext).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is not null)
        {
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }

        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}

/// <summary>A third-party rule pack as reports name it.</summary>
/// <param name="Name">The package id (or assembly name).</param>
/// <param name="Version">Its version.</param>
/// <param name="RuleIds">The ids of the rules it defines.</param>
public sealed record RulePack(string Name, string Version, IReadOnlyList<string> RuleIds);
