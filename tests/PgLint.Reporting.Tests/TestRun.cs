using PgLint.Analysis;
using PgLint.Syntax;

namespace PgLint.Reporting.Tests;

/// <summary>Lints sources with the test analyzers through the real engine and wraps the result for reporters.</summary>
internal static class TestRun
{
    /// <summary>A base directory that need not exist: reporters only compute paths against it.</summary>
    public static readonly string BaseDirectory = Path.Combine(Path.GetTempPath(), "pglint-reporting-tests", "repo");

    public static readonly DateTime Started = new(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    public static readonly DateTime Ended = Started.AddMilliseconds(12);

    /// <summary>Lints the files as one migration set, in the order given.</summary>
    public static ReportContext Lint(
        IReadOnlyList<SourceText> files,
        IEnumerable<RuleDirective>? directives = null,
        bool useColor = false,
        Func<string, string?>? documentation = null,
        IReadOnlyList<string>? notifications = null,
        string? baseDirectory = null,
        IReadOnlyList<RulePack>? rulePacks = null,
        bool showLocks = false)
    {
        var registry = new RuleRegistry([new IndexAnalyzer(), new GrantAnalyzer(), new StarAnalyzer(), new DropAnalyzer(), new ThrowingAnalyzer()]);
        var settings = new LintSettings(registry, directives);
        var result = new LintEngine(settings).Run([new MigrationSetInput("migrations", files)]);
        return new ReportContext
        {
            Result = result,
            Registry = registry,
            Settings = settings,
            BaseDirectory = baseDirectory ?? BaseDirectory,
            UseColor = useColor,
            ToolVersion = "1.2.3",
            RuleDocumentation = documentation ?? (static _ => null),
            CommandLine = "pglint check migrations --format sarif",
            StartTimeUtc = Started,
            EndTimeUtc = Ended,
            Notifications = notifications ?? [],
            RulePacks = rulePacks ?? [],
            Elapsed = TimeSpan.FromMilliseconds(12.7),
            ShowLocks = showLocks,
        };
    }

    /// <summary>Lints one text reported under <paramref name="path"/> (relative to the base directory).</summary>
    public static ReportContext Lint(string sql, string path = "migrations/001.sql", IEnumerable<RuleDirective>? directives = null, bool useColor = false) =>
        Lint([SourceText.From(sql, path)], directives, useColor);

    /// <summary>What a reporter writes, with <c>\n</c> line ends.</summary>
    public static string Render(this IReporter reporter, ReportContext context)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        reporter.Write(context, writer);
        return writer.ToString();
    }
}
