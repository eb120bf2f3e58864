using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using PgLint.Analysis;
using PgLint.Npgsql;
using PgLint.Syntax;

namespace PgLint.Cli;

/// <summary>
/// <c>pglint trace</c>: replays migration sets in a scratch database and reports, per statement, the
/// locks it took and the relations it rewrote, and where that disagrees with PgLint's lock model and
/// migration-safety rules.
/// </summary>
internal static class TraceCommand
{
    private static readonly string[] Formats = ["text", "json"];

    public static Command Create(Terminal terminal)
    {
        var paths = new Argument<string[]>("paths") { Description = "Migration folders (sets, in the order check uses) or files.", Arity = ArgumentArity.OneOrMore };
        var connection = LiveOptions.Connection();
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = static _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE." };
        var config = new Option<string?>("--config", "-c") { Description = "Configuration file for the static predictions (default: the nearest pglint.json upward)." };
        var assume = new Option<bool>("--assume-in-transaction") { Description = "The static predictions assume each file runs inside a transaction." };
        var command = new Command("trace", "Replay migrations in a scratch database and report the locks each statement takes and the rewrites it causes.")
        {
            paths, connection, format, output, config, assume,
        };
        command.SetAction(parse => Execute(
            terminal,
            parse.GetValue(paths) ?? [],
            parse.GetValue(connection),
            parse.GetValue(format)!,
            parse.GetValue(output),
            parse.GetValue(config),
            parse.GetResult(assume) is null ? null : parse.GetValue(assume)));
        return command;
    }

    private static int Execute(Terminal terminal, string[] paths, string? connectionText, string format, string? output, string? config, bool? assume)
    {
        SqlParser.EnsureAvailable();
        LintSettings settings;
        NpgsqlConnectionStringBuilder connection;
        try
        {
            var configuration = CheckCommand.LoadConfiguration(terminal, config);
            var plugins = PluginSetup.Load(terminal, configuration, [], verbose: false);
            settings = configuration.CreateSettings(new RuleRegistry(plugins.Analyzers), [], null, assume);
            connection = LiveConnection.Resolve(connectionText, Environment.GetEnvironmentVariable);
        }
        catch (ConfigurationException ex)
        {
            return CheckCommand.ConfigurationError(terminal, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return CheckCommand.ConfigurationError(terminal, $"--connection: {ex.Message}");
        }

        var discovered = MigrationSetDiscovery.Discover(paths, terminal.WorkingDirectory, [], out var missing);
        if (missing.Any())
        {
            return CheckCommand.ConfigurationError(terminal, $"trace: no such file or folder: {string.Join(", ", missing)}.");
        }

        var sets = discovered.Select(set => new MigrationSetInput(CheckCommand.Relative(terminal, set.Name), [.. set.Files.Select(f => CheckCommand.Read(terminal, f))])).ToList();
        var result = new LintEngine(settings).Run(sets);

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The scratch database is dropped on the way out; a second Ctrl-C ends the process at once.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var traces = new List<(string Set, MigrationTrace Trace)>();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var tracer = new MigrationTracer(connection);
            foreach (var set in sets)
            {
                var trees = result.Documents.Where(d => set.Files.Contains(d.Tree.Source)).Select(static d => d.Tree).ToList();
                var findings = result.Documents.Where(d => set.Files.Contains(d.Tree.Source)).SelectMany(static d => d.Diagnostics).Where(static d => !d.IsSuppressed).ToList();
                traces.Add((set.Name, tracer.Trace(trees, findings, cancellation.Token)));
            }
        }
        catch (LiveConnectionException ex)
        {
            terminal.Error.WriteLine($"pglint: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException)
        {
            terminal.Error.WriteLine("pglint: trace cancelled; the scratch database was dropped.");
            return ExitCodes.UsageError;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        using (var writer = output is null ? null : new StreamWriter(Path.GetFullPath(output, terminal.WorkingDirectory), append: false, new System.Text.UTF8Encoding(false)))
        {
            var target = writer ?? terminal.Output;
            if (format == "json")
            {
                WriteJson(traces, target);
            }
            else
            {
                WriteText(traces, target, stopwatch.Elapsed);
            }
        }

        var failed = traces.Sum(static t => t.Trace.Statements.Count(static s => s.Error is not null));
        var disagreements = traces.Sum(static t => t.Trace.Statements.Sum(static s => s.Disagreements.Length));
        if (output is not null)
        {
            terminal.Error.WriteLine(Summary(traces, stopwatch.Elapsed));
        }

        return failed > 0 || disagreements > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static string Summary(List<(string Set, MigrationTrace Trace)> traces, TimeSpan elapsed)
    {
        var statements = traces.Sum(static t => t.Trace.Statements.Length);
        var failed = traces.Sum(static t => t.Trace.Statements.Count(static s => s.Error is not null));
        var disagreements = traces.Sum(static t => t.Trace.Statements.Sum(static s => s.Disagreements.Length));
        return $"{statements} statements traced in {traces.Count} set(s), {failed} failed, {disagreements} disagreement(s) with the static predictions in {(long)elapsed.TotalMilliseconds} ms";
    }

    private static void WriteText(List<(string Set, MigrationTrace Trace)> traces, TextWriter output, TimeSpan elapsed)
    {
        foreach (var (set, trace) in traces)
        {
            output.WriteLine($"trace of {set} in scratch database {trace.Database} (dropped)");
            foreach (var statement in trace.Statements)
            {
                output.WriteLine($"{Where(statement.Statement)}: {Head(statement.Statement)}");
                if (statement.Error is { } error)
                {
                    output.WriteLine($"    error: {error}");
                    continue;
                }

                var parts = new List<string>();
                if (!statement.LocksObservable)
                {
                    parts.Add("locks not observable (runs outside a transaction block)");
                }
                else if (statement.Locks.Length > 0)
                {
                    parts.Add(string.Join(", ", statement.Locks.Select(static l => $"{l.Mode.ToSql()} on {l.Relation}{(l.Existing ? string.Empty : " (new)")}")));
                }

                parts.AddRange(statement.Rewritten.Select(static r => $"{(r.IsTable ? "rewrote" : "rebuilt")} {r.Relation}"));
                if (parts.Count > 0)
                {
                    output.WriteLine($"    {string.Join("; ", parts)}");
                }

                foreach (var disagreement in statement.Disagreements)
                {
                    output.WriteLine($"    disagreement: {disagreement}");
                }
            }
        }

        output.WriteLine(Summary(traces, elapsed));
    }

    private static void WriteJson(List<(string Set, MigrationTrace Trace)> traces, TextWriter output)
    {
        var document = traces.Select(static t => new
        {
            set = t.Set,
            elapsedMs = (long)t.Trace.Elapsed.TotalMilliseconds,
            statements = t.Trace.Statements.Select(static s =>
            {
                var position = s.Statement.Source.GetLinePosition(s.Statement.Span.Start);
                return new
                {
                    path = s.Statement.Source.Path,
                    line = position.Line,
                    column = position.Column,
                    statement = Head(s.Statement),
                    error = s.Error,
                    locksObservable = s.LocksObservable,
                    locks = s.Locks.Select(static l => new { relation = l.Relation, mode = l.Mode.ToSql(), existing = l.Existing }),
                    rewritten = s.Rewritten.Select(static r => new { relation = r.Relation, kind = r.IsTable ? "table" : "index", existedBeforeMigration = r.ExistedBeforeFile }),
                    predicted = s.Predicted.Select(static p => new { relation = p.Relation.ToString(), mode = p.Mode.ToSql() }),
                    rules = s.RuleIds,
                    disagreements = s.Disagreements,
                };
            }),
        });
        output.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Where(SqlStatement statement)
    {
        var position = statement.Source.GetLinePosition(statement.Span.Start);
        return $"{statement.Source.Path}:{position.Line}:{position.Column}";
    }

    private static string Head(SqlStatement statement)
    {
        var text = string.Join(' ', statement.Text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 72 ? text[..71] + "…" : text;
    }
}
