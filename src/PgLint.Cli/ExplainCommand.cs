using System.Collections.Immutable;
using System.CommandLine;
using Npgsql;
using PgLint.Analysis;
using PgLint.Analysis.Plans;
using PgLint.Npgsql;
using PgLint.Reporting;
using PgLint.Rules;
using PgLint.Syntax;

namespace PgLint.Cli;

/// <summary>
/// <c>pglint explain</c>: plans the queries of SQL files on a live database and runs the plan rules
/// (PG9xxx) on the plans; with <c>--from-stat-statements N</c>, the N statements with the most total
/// time in <c>pg_stat_statements</c> instead, linted with all rules as well.
/// </summary>
internal static class ExplainCommand
{
    private static readonly string[] Formats = ["text", "sarif", "json", "gcc", "github", "gitlab", "junit"];
    private static readonly string[] FailLevels = ["error", "warning", "info", "never"];

    public static Command Create(Terminal terminal)
    {
        var paths = new Argument<string[]>("paths") { Description = "SQL files or folders whose queries are planned.", Arity = ArgumentArity.ZeroOrMore };
        var connection = LiveOptions.Connection();
        var analyze = new Option<bool>("--analyze") { Description = "Run each query (EXPLAIN ANALYZE, BUFFERS) inside a transaction that is always rolled back." };
        var hypopg = new Option<bool>("--hypopg") { Description = "Load the hypopg extension inside each rolled-back transaction when the database does not have it (for PG9010)." };
        var fromStatStatements = new Option<int?>("--from-stat-statements") { Description = "Plan the N statements with the most total time in pg_stat_statements (and lint them with all rules)." };
        var statementTimeout = new Option<int>("--statement-timeout") { Description = "statement_timeout per query, in seconds.", DefaultValueFactory = static _ => 30 };
        var lockTimeout = new Option<int>("--lock-timeout") { Description = "lock_timeout per query, in seconds.", DefaultValueFactory = static _ => 2 };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = static _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE (a summary still goes to stderr)." };
        var config = new Option<string?>("--config", "-c") { Description = "Configuration file (default: the nearest pglint.json upward)." };
        var enable = new Option<string[]>("--enable") { Description = "Turn rules on: ID, name or category, comma-separated." };
        var disable = new Option<string[]>("--disable") { Description = "Turn rules off: ID, name or category, comma-separated." };
        var severity = new Option<string[]>("--severity") { Description = "Override severities: ID=error|warning|info|off, comma-separated." };
        var failOn = new Option<string>("--fail-on") { Description = "Lowest severity that makes the exit code 1.", DefaultValueFactory = static _ => "warning" };
        failOn.AcceptOnlyFromAmong(FailLevels);
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the output." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only findings, no summary." };

        var command = new Command("explain", "Plan the queries of SQL files on a live database (EXPLAIN) and report plan findings (PG9xxx).")
        {
            paths, connection, analyze, hypopg, fromStatStatements, statementTimeout, lockTimeout, format, output, config, enable, disable, severity, failOn, noColor, quiet,
        };
        command.SetAction(parse => Execute(terminal, new Options(
            parse.GetValue(paths) ?? [],
            parse.GetValue(connection),
            new ExplainOptions
            {
                Analyze = parse.GetValue(analyze),
                LoadHypopg = parse.GetValue(hypopg),
                StatementTimeout = TimeSpan.FromSeconds(parse.GetValue(statementTimeout)),
                LockTimeout = TimeSpan.FromSeconds(parse.GetValue(lockTimeout)),
            },
            parse.GetValue(fromStatStatements),
            new ReportOptions(parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(failOn)!, parse.GetValue(noColor), parse.GetValue(quiet)),
            parse.GetValue(config),
            CheckCommand.Split(parse.GetValue(enable)),
            CheckCommand.Split(parse.GetValue(disable)),
            CheckCommand.Split(parse.GetValue(severity)),
            "pglint " + string.Join(' ', parse.Tokens.Select(static t => t.Value)))));
        return command;
    }

    private static int Execute(Terminal terminal, Options options)
    {
        var started = DateTime.UtcNow;
        SqlParser.EnsureAvailable();
        if (options.Paths.Length == 0 && options.FromStatStatements is null)
        {
            return CheckCommand.ConfigurationError(terminal, "explain: give SQL files or folders, or --from-stat-statements N.");
        }

        if (options.FromStatStatements is < 1)
        {
            return CheckCommand.ConfigurationError(terminal, "--from-stat-statements: N must be 1 or more.");
        }

        LintSettings settings;
        PluginSetup plugins;
        NpgsqlConnectionStringBuilder connection;
        try
        {
            var configuration = CheckCommand.LoadConfiguration(terminal, options.Config);
            plugins = PluginSetup.Load(terminal, configuration, [], verbose: false);

            // Files given to explain are linted by the plan rules only; statements taken from
            // pg_stat_statements have not been linted anywhere else, so every rule runs on them.
            var registry = new RuleRegistry(plugins.Analyzers);
            var scope = options.FromStatStatements is null
                ? registry.Categories.Where(static c => c is not RuleCategory.Plans and not RuleCategory.Tool).Select(static c => new RuleDirective(c, "off", "explain"))
                : [];
            settings = configuration.CreateSettings(registry, scope.Concat(LiveOptions.Directives(options.Enable, options.Disable, options.Severity)), null, null);
            connection = LiveConnection.Resolve(options.Connection, Environment.GetEnvironmentVariable);
        }
        catch (ConfigurationException ex)
        {
            return CheckCommand.ConfigurationError(terminal, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return CheckCommand.ConfigurationError(terminal, $"--connection: {ex.Message}");
        }

        var sets = new List<MigrationSetInput>();
        var notifications = new List<string>();
        foreach (var path in options.Paths)
        {
            var full = Path.GetFullPath(path, terminal.WorkingDirectory);
            if (Directory.Exists(full))
            {
                foreach (var set in MigrationSetDiscovery.Discover([path], terminal.WorkingDirectory, [], out _))
                {
                    sets.Add(new MigrationSetInput(CheckCommand.Relative(terminal, set.Name), [.. set.Files.Select(f => CheckCommand.Read(terminal, f))]));
                }
            }
            else
            {
                var file = File.Exists(full) ? CheckCommand.Read(terminal, full) : SourceText.Unreadable(path, "no such file or folder");
                sets.Add(new MigrationSetInput(file.Path, [file]));
            }
        }

        ExplainRun run;
        try
        {
            using var runner = ExplainRunner.Open(connection, options.Explain);
            if (options.FromStatStatements is { } top)
            {
                var workload = StatStatements.Top(runner.Connection, top, out var skipReason);
                if (skipReason is not null)
                {
                    notifications.Add($"--from-stat-statements skipped: {skipReason}.");
                }
                else if (workload.Length > 0)
                {
                    sets.Add(new MigrationSetInput(workload[0].Path, [.. workload]));
                }
            }

            var trees = sets.SelectMany(static s => s.Files).Select(SqlParser.Parse).ToList();
            run = runner.Run(trees, settings.Registry.Analyzers.OfType<PlanAnalyzer>(), settings);
        }
        catch (LiveConnectionException ex)
        {
            terminal.Error.WriteLine($"pglint: {ex.Message}");
            return ExitCodes.UsageError;
        }

        notifications.AddRange(run.Notifications);
        var result = new LintEngine(settings).Run(sets, new ExternalFindings(run.Diagnostics, run.RulesRun));
        var report = new ReportContext
        {
            Result = result,
            Registry = settings.Registry,
            RulePacks = plugins.RulePacks,
            Settings = settings,
            BaseDirectory = terminal.WorkingDirectory,
            UseColor = options.Report.Output is null && terminal.IsTerminal && !options.Report.NoColor && Environment.GetEnvironmentVariable("NO_COLOR") is null or "",
            ToolVersion = ToolInfo.Version,
            RuleDocumentation = RuleDocs.Get,
            CommandLine = options.CommandLine,
            StartTimeUtc = started,
            EndTimeUtc = DateTime.UtcNow,
            Elapsed = DateTime.UtcNow - started,
            Notifications = [$"{run.Planned} quer{(run.Planned == 1 ? "y" : "ies")} planned on database \"{connection.Database}\" at {LiveConnection.Describe(connection)}.", .. notifications],
        };
        return LiveOptions.WriteReport(terminal, report, options.Report);
    }

    private sealed record Options(
        string[] Paths,
        string? Connection,
        ExplainOptions Explain,
        int? FromStatStatements,
        ReportOptions Report,
        string? Config,
        string[] Enable,
        string[] Disable,
        string[] Severity,
        string CommandLine);
}

/// <summary>How a live-database command writes its report.</summary>
/// <param name="Format">The output format.</param>
/// <param name="Output">The report file, or null for standard output.</param>
/// <param name="FailOn">The lowest severity that makes the exit code 1.</param>
/// <param name="NoColor">Never colour.</param>
/// <param name="Quiet">No summary on standard error when writing to a file.</param>
internal sealed record ReportOptions(string Format, string? Output, string FailOn, bool NoColor, bool Quiet);

/// <summary>Options and output shared by the commands that talk to a live database.</summary>
internal static class LiveOptions
{
    public static Option<string?> Connection() => new("--connection")
    {
        Description = "Npgsql connection string (also PGLINT_CONNECTION, and PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD for what it leaves out).",
    };

    public static IEnumerable<RuleDirective> Directives(string[] enable, string[] disable, string[] severity)
    {
        foreach (var key in enable)
        {
            yield return new RuleDirective(key, "on", "--enable");
        }

        foreach (var key in disable)
        {
            yield return new RuleDirective(key, "off", "--disable");
        }

        foreach (var pair in severity)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ConfigurationException($"--severity: '{pair}' must be ID=LEVEL (e.g. PG9001=error).");
            }

            yield return new RuleDirective(pair[..equals], pair[(equals + 1)..], "--severity");
        }
    }

    public static int WriteReport(Terminal terminal, ReportContext report, ReportOptions options)
    {
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

        if (options.Output is { } outputPath)
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
            if (reporter is not TextReporter && !options.Quiet)
            {
                foreach (var notification in report.Notifications)
                {
                    terminal.Error.WriteLine($"pglint: note: {notification}");
                }
            }
        }

        return CheckCommand.Fails(report.Result, options.FailOn) ? ExitCodes.Findings : ExitCodes.Success;
    }
}
