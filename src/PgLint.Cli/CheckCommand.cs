using System.CommandLine;
using PgLint.Analysis;
using PgLint.Reporting;
using PgLint.Rules;
using PgLint.Syntax;

namespace PgLint.Cli;

/// <summary>What a run of the check pipeline produces.</summary>
internal enum CheckMode
{
    /// <summary><c>pglint check</c>: report findings.</summary>
    Check,

    /// <summary><c>pglint fix</c> (or <c>check --fix</c>): apply fixes, then report what is left.</summary>
    Fix,

    /// <summary><c>pglint baseline</c>: record today's findings.</summary>
    Baseline,
}

/// <summary><c>pglint check</c>: lint files, folders (as migration sets) or standard input; also <c>fix</c> and <c>baseline</c>.</summary>
internal static class CheckCommand
{
    private static readonly string[] Formats = ["text", "sarif", "json", "gcc", "github", "gitlab", "junit"];
    private static readonly string[] FailLevels = ["error", "warning", "info", "never"];

    public static Command Create(Terminal terminal, CheckMode mode = CheckMode.Check)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, folders (migration sets), globs, or - for standard input.", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = static _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE (a summary still goes to stderr)." };
        var config = new Option<string?>("--config", "-c") { Description = "Configuration file (default: the nearest pglint.json upward)." };
        var pgVersion = new Option<string?>("--pg-version") { Description = "Target PostgreSQL version, e.g. 15 or 14.3 (default 15)." };
        var assume = new Option<bool>("--assume-in-transaction") { Description = "Each file runs inside a transaction (as Flyway, Rails, Alembic do)." };
        var schema = new Option<string[]>("--schema") { Description = "A schema dump that seeds the catalog before the first file.", AllowMultipleArgumentsPerToken = false };
        var enable = new Option<string[]>("--enable") { Description = "Turn rules on: ID, name or category, comma-separated." };
        var disable = new Option<string[]>("--disable") { Description = "Turn rules off: ID, name or category, comma-separated." };
        var severity = new Option<string[]>("--severity") { Description = "Override severities: ID=error|warning|info|off, comma-separated." };
        var failOn = new Option<string>("--fail-on") { Description = "Lowest severity that makes the exit code 1.", DefaultValueFactory = static _ => "warning" };
        failOn.AcceptOnlyFromAmong(FailLevels);
        var stdinName = new Option<string>("--stdin-filename") { Description = "The path reported for -.", DefaultValueFactory = static _ => "stdin.sql" };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the output." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only findings, no summary." };
        var verbose = new Option<bool>("--verbose") { Description = "Print the plugins loaded and the files and sets being linted." };
        var plugin = PluginSetup.CreateOption();
        var baseline = new Option<string?>("--baseline") { Description = "Findings recorded in FILE are reported as unchanged and do not fail the run." };
        var fix = new Option<bool>("--fix") { Description = "Apply every safe fix in place, then report what is left." };
        var unsafeFixes = new Option<bool>("--unsafe-fixes") { Description = "Also apply fixes marked unsafe (they can change behaviour)." };
        var diff = new Option<bool>("--diff") { Description = "With fixes: print the change as a unified diff instead of writing files." };
        var dumpCatalog = new Option<bool>("--dump-catalog") { Description = "Print the final catalog of each migration set instead of the report." };

        var (name, description) = mode switch
        {
            CheckMode.Fix => ("fix", "Apply every available fix in place (safe ones unless --unsafe-fixes), then report what is left."),
            CheckMode.Baseline => ("baseline", "Record today's findings in --output FILE, so that only new findings fail later runs."),
            _ => ("check", "Lint SQL files, migration folders or standard input."),
        };
        var command = new Command(name, description)
        {
            paths, format, output, config, pgVersion, assume, schema, enable, disable, severity, failOn, stdinName, noColor, quiet, verbose, plugin, baseline, unsafeFixes, diff, dumpCatalog,
        };
        if (mode == CheckMode.Check)
        {
            command.Add(fix);
        }

        command.SetAction(parse => Execute(terminal, new CheckOptions(
            Paths: parse.GetValue(paths) ?? [],
            Format: parse.GetValue(format)!,
            Output: parse.GetValue(output),
            Config: parse.GetValue(config),
            PgVersion: parse.GetValue(pgVersion),
            AssumeInTransaction: parse.GetResult(assume) is null ? null : parse.GetValue(assume),
            Schema: parse.GetValue(schema) ?? [],
            Enable: Split(parse.GetValue(enable)),
            Disable: Split(parse.GetValue(disable)),
            Severity: Split(parse.GetValue(severity)),
            FailOn: parse.GetValue(failOn)!,
            StdinFilename: parse.GetValue(stdinName)!,
            NoColor: parse.GetValue(noColor),
            Quiet: parse.GetValue(quiet),
            Verbose: parse.GetValue(verbose),
            Mode: mode == CheckMode.Check && parse.GetValue(fix) ? CheckMode.Fix : mode,
            Baseline: parse.GetValue(baseline),
            UnsafeFixes: parse.GetValue(unsafeFixes),
            Diff: parse.GetValue(diff),
            Plugins: parse.GetValue(plugin) ?? [],
            DumpCatalog: parse.GetValue(dumpCatalog),
            CommandLine: "pglint " + string.Join(' ', parse.Tokens.Select(static t => t.Value)))));
        return command;
    }

    internal static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(static v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static int Execute(Terminal terminal, CheckOptions options)
    {
        var started = DateTime.UtcNow;
        SqlParser.EnsureAvailable();
        LintSettings settings;
        PgLintConfiguration configuration;
        PluginSetup plugins;
        try
        {
            configuration = LoadConfiguration(terminal, options.Config);
            plugins = PluginSetup.Load(terminal, configuration, options.Plugins, options.Verbose);
            settings = configuration.CreateSettings(
                new RuleRegistry(plugins.Analyzers),
                Directives(options),
                ParseVersion(options.PgVersion),
                options.AssumeInTransaction);
        }
        catch (ConfigurationException ex)
        {
            return ConfigurationError(terminal, ex.Message);
        }

        if (options.Verbose)
        {
            terminal.Error.WriteLine($"pglint {ToolInfo.Version}: libpg_query from {SqlParser.NativeLibraryPath}");
        }

        var inputs = options.Paths.Length > 0 ? options.Paths : [.. configuration.Include];
        if (inputs.Length == 0)
        {
            return ConfigurationError(terminal, "no input: give files, folders or - (or set 'include' in pglint.json).");
        }

        var sets = new List<MigrationSetInput>();
        if (inputs.Contains("-"))
        {
            sets.Add(new MigrationSetInput(options.StdinFilename, [SourceText.From(terminal.Input.ReadToEnd(), options.StdinFilename)]));
        }

        var baseDirectory = options.Paths.Length > 0 ? terminal.WorkingDirectory : configuration.BaseDirectory;
        var discovered = MigrationSetDiscovery.Discover(inputs.Where(static i => i != "-"), baseDirectory, configuration.Exclude, out var missing);
        foreach (var path in missing)
        {
            sets.Add(new MigrationSetInput(path, [SourceText.Unreadable(path, "no such file or folder")]));
        }

        foreach (var set in discovered)
        {
            if (options.Verbose)
            {
                terminal.Error.WriteLine($"pglint: set {Relative(terminal, set.Name)}: {set.Files.Length} file(s)");
            }

            sets.Add(new MigrationSetInput(Relative(terminal, set.Name), [.. set.Files.Select(f => Read(terminal, f))]));
        }

        var schema = configuration.Schema.Concat(options.Schema.Select(s => Path.GetFullPath(s, terminal.WorkingDirectory)))
            .Select(f => Read(terminal, f))
            .ToList();
        var engine = new LintEngine(settings, schema);
        if (options.Mode == CheckMode.Fix)
        {
            sets = FixFiles(terminal, engine, sets, options);
        }

        LintResult result;
        using (var progress = ProgressLine.Start(terminal, enabled: terminal.ErrorIsTerminal && !options.Quiet))
        {
            result = engine.Run(sets, default, progress);
        }

        if (options.DumpCatalog)
        {
            foreach (var (name, catalog) in result.Catalogs)
            {
                terminal.Output.WriteLine($"-- migration set {Relative(terminal, name)}");
                CatalogDump.Write(catalog, terminal.Output);
            }

            return ExitCodes.Success;
        }

        if (options.Mode == CheckMode.Baseline)
        {
            return WriteBaseline(terminal, result, options);
        }

        Baseline? baseline = null;
        try
        {
            baseline = options.Baseline is { } baselinePath ? Analysis.Baseline.Load(Path.GetFullPath(baselinePath, terminal.WorkingDirectory)) : null;
        }
        catch (ConfigurationException ex)
        {
            return ConfigurationError(terminal, ex.Message);
        }

        result = baseline?.Apply(result) ?? result;

        var report = new ReportContext
        {
            Result = result,
            Registry = settings.Registry,
            RulePacks = plugins.RulePacks,
            Settings = settings,
            BaseDirectory = terminal.WorkingDirectory,
            UseColor = options.Output is null && terminal.IsTerminal && !options.NoColor && Environment.GetEnvironmentVariable("NO_COLOR") is null or "",
            ToolVersion = ToolInfo.Version,
            RuleDocumentation = RuleDocs.Get,
            CommandLine = options.CommandLine,
            StartTimeUtc = started,
            EndTimeUtc = DateTime.UtcNow,
            Succeeded = true,
            UsesBaseline = baseline is not null,
        };

        IReporter reporter = options.Format switch
        {
            "sarif" => new SarifReporter(),
            "json" => new JsonReporter(),
            "gcc" => new GccReporter(),
            "github" => new GitHubReporter(),
            "gitlab" => new GitLabReporter(),
            "junit" => new JUnitReporter(),
            _ => new TextReporter(),
        };

        if (options.Output is { } outputPath && options.Mode != CheckMode.Baseline)
        {
            using (var writer = new StreamWriter(Path.GetFullPath(outputPath, terminal.WorkingDirectory), append: false, new System.Text.UTF8Encoding(false)))
            {
                reporter.Write(report, writer);
            }

            if (!options.Quiet)
            {
                terminal.Error.WriteLine(TextReporter.Summary(report));
            }
        }
        else
        {
            reporter.Write(report, terminal.Output);
        }

        return Fails(result, options.FailOn) ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static List<MigrationSetInput> FixFiles(Terminal terminal, LintEngine engine, List<MigrationSetInput> sets, CheckOptions options)
    {
        var outcomes = Fixer.Run(engine, sets, (_, fix) => options.UnsafeFixes || fix.Safety == FixSafety.Safe);
        var replaced = new Dictionary<SourceText, SourceText>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Refused is { } reason)
            {
                terminal.Error.WriteLine($"pglint: {outcome.Original.Path}: {reason}.");
            }

            if (!outcome.Changed)
            {
                continue;
            }

            if (options.Diff)
            {
                terminal.Output.Write(UnifiedDiff.Create(outcome.Original.Path, outcome.Original.Text, outcome.FixedText));
                continue;
            }

            if (outcome.Original.Path == options.StdinFilename && sets.Any(s => s.Name == options.StdinFilename))
            {
                terminal.Output.Write(outcome.FixedText);
                continue;
            }

            var full = Path.GetFullPath(outcome.Original.Path, terminal.WorkingDirectory);
            var bytes = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: outcome.Original.HasByteOrderMark);
            File.WriteAllText(full, outcome.FixedText, bytes);
            replaced[outcome.Original] = SourceText.From(outcome.FixedText, outcome.Original.Path);
            if (!options.Quiet)
            {
                terminal.Error.WriteLine($"pglint: fixed {outcome.Original.Path}: {string.Join("; ", outcome.Applied.Distinct())} ({outcome.Applied.Length} fix{(outcome.Applied.Length == 1 ? string.Empty : "es")})");
            }
        }

        return [.. sets.Select(s => s with { Files = [.. s.Files.Select(f => replaced.GetValueOrDefault(f, f))] })];
    }

    private static int WriteBaseline(Terminal terminal, LintResult result, CheckOptions options)
    {
        if (options.Output is not { } output)
        {
            return ConfigurationError(terminal, "baseline: --output FILE is required (where to record the findings).");
        }

        var text = Analysis.Baseline.Create(result);
        File.WriteAllText(Path.GetFullPath(output, terminal.WorkingDirectory), text);
        var count = result.Diagnostics.Count(static d => !d.IsSuppressed && d.Fingerprint is not null);
        terminal.Error.WriteLine($"pglint: recorded {count} finding{(count == 1 ? string.Empty : "s")} in {output}");
        return ExitCodes.Success;
    }

    /// <summary>The <c>--config</c> file, or the nearest <c>pglint.json</c>, or the defaults.</summary>
    internal static PgLintConfiguration LoadConfiguration(Terminal terminal, string? configPath)
    {
        if (configPath is { } explicitPath)
        {
            var full = Path.GetFullPath(explicitPath, terminal.WorkingDirectory);
            return File.Exists(full)
                ? PgLintConfiguration.Load(full)
                : throw new ConfigurationException($"--config: the file '{explicitPath}' does not exist.");
        }

        var nearest = PgLintConfiguration.FindNearest(terminal.WorkingDirectory);
        return nearest is null ? PgLintConfiguration.Default : PgLintConfiguration.Load(nearest);
    }

    private static IEnumerable<RuleDirective> Directives(CheckOptions options)
    {
        foreach (var key in options.Enable)
        {
            yield return new RuleDirective(key, "on", "--enable");
        }

        foreach (var key in options.Disable)
        {
            yield return new RuleDirective(key, "off", "--disable");
        }

        foreach (var pair in options.Severity)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ConfigurationException($"--severity: '{pair}' must be ID=LEVEL (e.g. PG1001=error).");
            }

            yield return new RuleDirective(pair[..equals], pair[(equals + 1)..], "--severity");
        }
    }

    private static PostgresVersion? ParseVersion(string? text) =>
        text is null ? null
        : PostgresVersion.TryParse(text, out var version) ? version
        : throw new ConfigurationException($"--pg-version: '{text}' is not a PostgreSQL version such as 15 or 14.3.");

    internal static SourceText Read(Terminal terminal, string path)
    {
        var reported = Relative(terminal, path);
        try
        {
            return SourceText.FromFile(path, reported);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return SourceText.Unreadable(reported, ex.Message);
        }
    }

    internal static string Relative(Terminal terminal, string path)
    {
        var relative = Path.GetRelativePath(terminal.WorkingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }

    internal static bool Fails(LintResult result, string failOn)
    {
        Severity? threshold = failOn switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            "info" => Severity.Info,
            _ => null,
        };
        return threshold is { } level && result.Diagnostics.Any(d => !d.IsSuppressed && d.Severity >= level);
    }

    internal static int ConfigurationError(Terminal terminal, string message)
    {
        terminal.Error.WriteLine($"pglint: error[{ToolDiagnostics.InvalidConfiguration.Id} {ToolDiagnostics.InvalidConfiguration.Name}]: {message}");
        return ExitCodes.UsageError;
    }

    private sealed record CheckOptions(
        string[] Paths,
        string Format,
        string? Output,
        string? Config,
        string? PgVersion,
        bool? AssumeInTransaction,
        string[] Schema,
        string[] Enable,
        string[] Disable,
        string[] Severity,
        string FailOn,
        string StdinFilename,
        bool NoColor,
        bool Quiet,
        bool Verbose,
        CheckMode Mode,
        string? Baseline,
        bool UnsafeFixes,
        bool Diff,
        string[] Plugins,
        bool DumpCatalog,
        string CommandLine);
}

/// <summary>The tool's name and version.</summary>
internal static class ToolInfo
{
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
