using System.CommandLine;
using System.Diagnostics;
using Npgsql;
using PgLint.Analysis;
using PgLint.Analysis.Plans;
using PgLint.Npgsql;
using PgLint.Reporting;
using PgLint.Rules;
using PgLint.Syntax;

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
        var queries = new Option<int?>("--queries") { Description = "Also lint the N statements with the most total time in pg_stat_statements, statically and through EXPLAIN (plan rules)." };
        var hypopg = new Option<bool>("--hypopg") { Description = "With --queries: load the hypopg extension inside each rolled-back transaction when the database does not have it (for PG9010)." };
        var exportStats = new Option<string?>("--export-stats") { Description = "Also write the table and index statistics to FILE (JSON, for 'pglint check --stats')." };
        var statementTimeout = new Option<int>("--statement-timeout") { Description = "Seconds one catalog or statistics query may run.", DefaultValueFactory = static _ => 30 };
        var lockTimeout = new Option<int>("--lock-timeout") { Description = "Seconds a query may wait for a lock.", DefaultValueFactory = static _ => 2 };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the output." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only findings, no summary." };
        var verbose = new Option<bool>("--verbose") { Description = "Print where pglint connects and how long loading took." };
        var plugin = PluginSetup.CreateOption();

        var command = new Command("db", "Lint a live database: catalog, index statistics and health, read in a read-only transaction.")
        {
            paths, connection, schema, format, output, config, enable, disable, severity, failOn, queries, hypopg, exportStats, statementTimeout, lockTimeout, noColor, quiet, verbose, plugin,
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
            Queries: parse.GetValue(queries),
            Hypopg: parse.GetValue(hypopg),
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
        bool readStatements;
        try
        {
            configuration = CheckCommand.LoadConfiguration(terminal, options.Config);
            plugins = PluginSetup.Load(terminal, configuration, options.Plugins, options.Verbose);
            registry = new RuleRegistry(plugins.Analyzers);
            readStatements = configuration.CreateSettings(registry, CheckCommand.Directives(options.Enable, options.Disable, options.Severity), null, null)
                .IsEnabled(Rules.Performance.NPlusOnePattern.Rule);
        }
        catch (ConfigurationException ex)
        {
            return CheckCommand.ConfigurationError(terminal, ex.Message);
        }

        if (options.Queries is < 1)
        {
            return CheckCommand.ConfigurationError(terminal, "--queries: N must be 1 or more.");
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

        // The same settings explain and trace use: unpooled, named pglint.
        builder = LiveConnection.Resolve(options.Connection, environment);

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
                new LiveDatabaseOptions
                {
                    StatementTimeout = TimeSpan.FromSeconds(options.StatementTimeout),
                    LockTimeout = TimeSpan.FromSeconds(options.LockTimeout),
                    ReadStatements = readStatements,
                })
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
        var notifications = new List<string>();
        if (readStatements && snapshot.Statistics.Statements.IsEmpty)
        {
            notifications.Add($"{Rules.Performance.NPlusOnePattern.Rule.Id} not run: pg_stat_statements has no statements for database \"{snapshot.Database}\" (the extension must be installed in it and in shared_preload_libraries).");
        }

        if (options.Queries is { } top)
        {
            try
            {
                result = LintWorkload(result, builder, top, options, settings, notifications);
            }
            catch (LiveConnectionException ex)
            {
                terminal.Error.WriteLine($"pglint: {ex.Message}");
                return ExitCodes.UsageError;
            }
        }

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
            Elapsed = DateTime.UtcNow - started,
            Succeeded = true,
            Database = snapshot.Database,
            UnlocatedArtifact = schema.FirstOrDefault(static s => s.ReadError is null),
            Notifications = notifications,
        };

        return LiveOptions.WriteReport(terminal, report, new ReportOptions(options.Format, options.Output, options.FailOn, options.NoColor, options.Quiet));
    }

    /// <summary>
    /// <c>--queries N</c>: the N statements with the most total time in <c>pg_stat_statements</c>,
    /// linted by every statement rule and planned (EXPLAIN without ANALYZE, each in a rolled-back
    /// read-only transaction) for the plan rules; their findings join the database's.
    /// </summary>
    private static LintResult LintWorkload(LintResult database, NpgsqlConnectionStringBuilder builder, int top, DbOptions options, LintSettings settings, List<string> notifications)
    {
        var explain = new ExplainOptions
        {
            LoadHypopg = options.Hypopg,
            StatementTimeout = TimeSpan.FromSeconds(options.StatementTimeout),
            LockTimeout = TimeSpan.FromSeconds(options.LockTimeout),
        };
        using var runner = ExplainRunner.Open(builder, explain);
        var workload = StatStatements.Top(runner.Connection, top, out var skipReason);
        if (skipReason is not null)
        {
            notifications.Add($"--queries skipped: {skipReason}.");
            return database;
        }

        if (workload.IsEmpty)
        {
            notifications.Add($"--queries: pg_stat_statements has no queries for database \"{runner.Database}\".");
            return database;
        }

        // Rules that read measured execution need EXPLAIN ANALYZE, which runs the statements: db never does.
        var analyzers = settings.Registry.Analyzers.OfType<PlanAnalyzer>().ToList();
        var measured = analyzers.Where(a => a.NeedsAnalyze && a.SupportedDiagnostics.Any(settings.IsEnabled)).SelectMany(static a => a.SupportedDiagnostics).Select(static d => d.Id).ToList();
        if (measured.Count > 0)
        {
            notifications.Add($"{string.Join(", ", measured)} not run on the queries: they read measured execution (pglint explain --analyze runs the statements).");
        }

        var trees = workload.Select(SqlParser.Parse).ToList();
        var run = runner.Run(trees, analyzers.Where(static a => !a.NeedsAnalyze), settings);
        notifications.Add($"{run.Planned} quer{(run.Planned == 1 ? "y" : "ies")} from pg_stat_statements planned.");
        notifications.AddRange(run.Notifications);
        var queries = new LintEngine(settings).Run([new MigrationSetInput(StatStatements.Path, [.. workload])], new ExternalFindings(run.Diagnostics, run.RulesRun));
        return database.With(queries.Documents, [.. database.Unlocated, .. queries.Unlocated]);
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
        int? Queries,
        bool Hypopg,
        string? ExportStats,
        int StatementTimeout,
        int LockTimeout,
        bool NoColor,
        bool Quiet,
        bool Verbose,
        string[] Plugins,
        string[] Tokens);
}
