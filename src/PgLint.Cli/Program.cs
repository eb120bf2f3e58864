using System.CommandLine;
using PgLint.Syntax;

namespace PgLint.Cli;

/// <summary>The <c>pglint</c> entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args) =>
        Run(args, new Terminal(
            Console.In,
            Console.Out,
            Console.Error,
            Directory.GetCurrentDirectory(),
            IsTerminal: !Console.IsOutputRedirected,
            ErrorIsTerminal: !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null or ""));

    /// <summary>Runs the command line against the given terminal (used in-process by tests).</summary>
    public static int Run(string[] args, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var root = new RootCommand("pglint: a PostgreSQL linter built on the PostgreSQL parser.")
        {
            CheckCommand.Create(terminal),
            CheckCommand.Create(terminal, CheckMode.Fix),
            CheckCommand.Create(terminal, CheckMode.Baseline),
            RulesCommand.Create(terminal),
            DbCommand.Create(terminal),
            ExplainCommand.Create(terminal),
            TraceCommand.Create(terminal),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                terminal.Error.WriteLine($"pglint: {error.Message}");
            }

            terminal.Error.WriteLine("Run 'pglint --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = terminal.Output,
                Error = terminal.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (PgQueryUnavailableException ex)
        {
            terminal.Error.WriteLine($"pglint: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            terminal.Error.WriteLine($"pglint: internal error: {ex.GetType().Name}: {ex.Message}");
            terminal.Error.WriteLine("This is a bug in pglint. Please report it with the command line and the SQL that triggered it.");
            terminal.Error.WriteLine(ex.StackTrace);
            return ExitCodes.InternalError;
        }
    }
}

/// <summary>Where the command line reads and writes.</summary>
/// <param name="Input">Standard input (for <c>-</c>).</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="WorkingDirectory">The folder relative paths start from.</param>
/// <param name="IsTerminal">True when standard output is a terminal (colours).</param>
/// <param name="ErrorIsTerminal">True when standard error is a terminal outside CI (a progress line).</param>
public sealed record Terminal(TextReader Input, TextWriter Output, TextWriter Error, string WorkingDirectory, bool IsTerminal, bool ErrorIsTerminal = false);
