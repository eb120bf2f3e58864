using System.Diagnostics;
using NUnit.Framework;

namespace PgLint.Npgsql.Tests;

/// <summary>
/// The PostgreSQL 15 the tests run against: <c>PGLINT_TEST_CONNECTION</c> when set (eng/test.sh
/// sets it), otherwise a throwaway cluster started with <c>eng/postgres.sh</c> and stopped at the end.
/// </summary>
[SetUpFixture]
public sealed class PostgresServer
{
    private static string? _startedIn;

    /// <summary>The Npgsql connection string of the server's <c>postgres</c> database.</summary>
    public static string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The folder that holds PgLint.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    [OneTimeSetUp]
    public void Start()
    {
        if (Environment.GetEnvironmentVariable("PGLINT_TEST_CONNECTION") is { Length: > 0 } given)
        {
            ConnectionString = given;
            return;
        }

        _startedIn = Path.Combine("/tmp", "pglint-npgsql-" + Guid.NewGuid().ToString("N")[..8]);
        ConnectionString = Script("start", _startedIn).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (_startedIn is not null)
        {
            Script("stop", _startedIn);
        }
    }

    private static string Script(string verb, string folder)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "eng", "postgres.sh"), verb, folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/postgres.sh {verb} failed: {error}");
        }

        return output;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PgLint.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No PgLint.sln above {AppContext.BaseDirectory}.");
    }
}
