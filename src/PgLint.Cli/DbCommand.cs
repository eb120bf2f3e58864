using System.CommandLine;
using System.Diagnostics;
using Npgsql;
using PgLint.Analysis;
using PgLint.Npgsql;
using PgLint.Reporting;
using PgLint.Rules;

namespace PgLint.Cli;

/// <summary>
/// <c>pglint db</c>: lint a live database. Loads its catalog and statistics in one read-only
/// transaction, runs every set-level rule (catalog, index, statistics and health rules) over them,
/// and reports findings at the database objects they are about.
/// </summary>
internal static class DbCommand
{
    public static Command Create(Terminal terminal, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var connection = new Option<string?>("--connection") { Description = "Npgsql connection string or postgres:// URI (default: PGLINT_CONNECTION, then PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD)." };
        var paths = new Argument<string[]>("paths") { Description = "Migration files or folders that created the database: findings also point at the creating statement.", Arity = ArgumentArity.ZeroOrMore };
        var schema = new Option<string[]>("--schema") { Description = "A schema dump of the database: findings also point at the creating statement." };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = static _ => "text" };
        format.AcceptOnlyFromAmong(CheckCommand.Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE (a summary still goes to stderr)." };
        var config = new Option<string?>("--config", "-c") { Description = "Configuration file (default: the nearest pglint.json upward)." };
        var enable = new Option<string[]>("--enable") { Description = "Turn rules on: ID, name or category, comma-separated." };
        var disable = new Option<string[]>("--disable") { Description = "Turn rules off: ID, name or category, comma-separated." };
        var severity = new Option<string[]>("--severity") { Description = "Override severities: ID=error|warning|info|off, comma-separated." };
        var failOn = new Option<string>("--fail-on") { Description = "Lowest severity that makes the exit code 1.", DefaultValueFactory = static _ => "warning" };
        failOn.AcceptOnlyFromAmong(CheckCommand.FailLevels);
        var exportStats = new Option<string?>("--export-stats") { Description = "Also write the table and index statistics to FILE (JSON, for 'pglint check --stats')." };
        var statementTimeout = new Option<int>("--statement-timeout") { Description = "Seconds one catalog or statistics query may run.", DefaultValueFactory = static _ => 30 };
        var lockTimeout = new Option<int>("--lock-timeout") { Description = "Seconds a query may wait for a lock.", DefaultValueFactory = static _ => 2 };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the output." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only findings, no summary." };
        var verbose = new Option<bool>("--verbose") { Description = "Print where pglint connects and how long loading took." };
        var plugin = PluginSetup.CreateOption();

        var command = new Command("db", "Lint a live database: catalog, index statistics and health, read in a read-only transaction.")
        {
            paths, connection, schema, format, output, config, enable, disable, severity, failOn, exportStats, statementTimeout, lockTimeout, noColor, quiet, verbose, plugin,
        };
        command.SetAction(parse => Execute(terminal, environment, new DbOptions(
            Connection: parse.GetValue(connection),
            Paths: parse.GetValue(paths) ?? [],
            Schema: parse.GetValue(schema) ?? [],
            Format: parse.GetValue(format)!,
            Output: parse.GetValue(output),
            Config: parse.GetValue(config),
            Enable: CheckCommand.Split(parse.GetValue(enable)),
            Disable: CheckCommand.Split(parse.GetValue(disable)),
            Severity: CheckCommand.Split(parse.GetValue(severity)),
            FailOn: parse.GetValue(failOn)!,
            ExportStats: parse.GetValue(exportStats),
            StatementTimeout: parse.GetValue(statementTimeout),
            LockTimeout: parse.GetValue(lockTimeout),
            NoColor: parse.GetValue(noColor),
            Quiet: parse.GetValue(quiet),
            Verbose: parse.GetValue(verbose),
            Plugins: parse.GetValue(plugin) ?? [],
            Tokens: [.. parse.Tokens.Select(static t => t.Value)])));
        return command;
    }

    private static int Execute(Terminal terminal, Func<string, string?> environment, DbOptions options)
    {
        var started = DateTime.UtcNow;
        PgLintConfiguration configuration;
        PluginSetup plugins;
        RuleRegistry registry;
        try
        {
            configuration = CheckCommand.LoadConfiguration(terminal, options.Config);
            plugins = PluginSetup.Load(terminal, configuration, options.Plugins, options.Verbose);
            registry = new RuleRegistry(plugins.Analyzers);
            _ = configuration.CreateSettings(registry, CheckCommand.Directives(options.Enable, options.Disable, options.Severity), null, null);
        }
        catch (ConfigurationException ex)
        {
            return CheckCommand.ConfigurationError(terminal, ex.Message);
        }

        if (options.StatementTimeout <= 0 || options.LockTimeout <= 0)
        {
            return CheckCommand.ConfigurationError(terminal, "db: --statement-timeout and --lock-timeout must be whole numbers of seconds above 0.");
        }

        NpgsqlConnectionStringBuilder? builder;
        try
        {
            builder = ConnectionStrings.FromArgumentOrEnvironment(options.Connection, environment);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            return CheckCommand.ConfigurationError(terminal, $"--connection: {ConnectionStrings.Redact(ex.Message, null)}");
        }

        if (builder is null)
        {
            return CheckCommand.ConfigurationError(terminal, "db: --connection is required (or set PGLINT_CONNECTION, or PGHOST and the other libpq variables).");
        }

        if (options.Verbose)
        {
            terminal.Error.WriteLine($"pglint: connecting to {ConnectionStrings.Describe(builder)}");
        }

        LiveDatabaseSnapshot snapshot;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            snapshot = LiveDatabase.ReadAsync(
                builder,
                new LiveDatabaseOptions { StatementTimeout = TimeSpan.FromSeconds(options.StatementTimeout), LockTimeout = TimeSpan.FromSeconds(options.LockTimeout) })
                .GetAwaiter().GetResult();
        }
        catch (LiveDatabaseException ex)
        {
            terminal.Error.WriteLine($"pglint: {ex.Message}");
            return ExitCodes.UsageError;
        }

        var loaded = stopwatch.Elapsed;
        if (options.Verbose)
        {
            terminal.Error.WriteLine(
                $"pglint: read {snapshot.Database}: catalog {snapshot.Catalog.Tables.Count()} relations in {(long)snapshot.CatalogElapsed.TotalMilliseconds} ms, "
                + $"statistics in {(long)snapshot.StatisticsElapsed.TotalMilliseconds} ms, {(long)loaded.TotalMilliseconds} ms with connecting");
        }

        if (options.ExportStats is { } exportPath)
        {
            File.WriteAllText(Path.GetFullPath(exportPath, terminal.WorkingDirectory), snapshot.Statistics.ToJson());
            if (!options.Quiet)
            {
                terminal.Error.WriteLine($"pglint: wrote the statistics of {snapshot.Statistics.Tables.Length} tables and {snapshot.Statistics.Indexes.Length} indexes to {exportPath}");
            }
        }

        LintSettings settings;
        try
        {
            // Version-dependent rules judge the server that was read, unless the configuration says otherwise.
            var serverVersion = snapshot.Statistics.ServerVersionNumber is { } number ? new PostgresVersion(number / 10000, number % 10000) : (PostgresVersion?)null;
            settings = configuration.CreateSettings(registry, CheckCommand.Directives(options.Enable, options.Disable, options.Severity), configuration.PostgresVersion is null ? serverVersion : null, null);
        }
        catch (ConfigurationException ex)
        {
            return CheckCommand.ConfigurationError(terminal, ex.Message);
        }

        var schema = configuration.Schema.Concat(options.Schema.Select(s => Path.GetFullPath(s, terminal.WorkingDirectory)))
            .Select(f => CheckCommand.Read(terminal, f))
            .ToList();
        var sources = MigrationSetDiscovery.Discover(options.Paths, terminal.WorkingDirectory, configuration.Exclude, out var missing)
            .Select(set => new MigrationSetInput(CheckCommand.Relative(terminal, set.Name), [.. set.Files.Select(f => CheckCommand.Read(terminal, f))]))
            .ToList();
        if (missing.Length > 0)
        {
            return CheckCommand.ConfigurationError(terminal, $"db: no such file or folder: {string.Join(", ", missing)}");
        }

        var engine = new LintEngine(settings, schema);
        var result = engine.RunDatabase(new DatabaseInput(snapshot.Database, snapshot.Catalog, snapshot.Statistics) { Sources = sources });

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
            CommandLine = CommandLine(options, builder),
            StartTimeUtc = started,
            EndTimeUtc = DateTime.UtcNow,
            Succeeded = true,
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
        }

        return CheckCommand.Fails(result, options.FailOn) ? ExitCodes.Findings : ExitCodes.Success;
    }

    /// <summary>The command line as reports record it, with the connection's password removed.</summary>
    private static string CommandLine(DbOptions options, NpgsqlConnectionStringBuilder builder) =>
        ConnectionStrings.Redact("pglint " + string.Join(' ', options.Tokens), builder.Password);

    private sealed record DbOptions(
        string? Connection,
        string[] Paths,
        string[] Schema,
        string Format,
        string? Output,
        string? Config,
        string[] Enable,
        string[] Disable,
        string[] Severity,
        string FailOn,
        string? ExportStats,
        int StatementTimeout,
        int LockTimeout,
        bool NoColor,
        bool Quiet,
        bool Verbose,
        string[] Plugins,
        string[] Tokens);
}
