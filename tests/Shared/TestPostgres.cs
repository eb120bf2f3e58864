using System.Diagnostics;
using Npgsql;

namespace PgLint.Tests.Shared;

/// <summary>
/// The PostgreSQL 15 that tests run against: the server named by <c>PGLINT_TEST_CONNECTION</c>
/// (eng/test.sh starts one), else a throwaway cluster started with <c>eng/postgres.sh</c> on first
/// use and removed when the test assembly finishes (<see cref="TestPostgresTeardown"/>).
/// </summary>
public static class TestPostgres
{
    private static readonly Lock Gate = new();
    private static string? _connectionString;
    private static string? _clusterDirectory;

    /// <summary>The folder that holds PgLint.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The connection string of the server's maintenance database, starting a cluster if needed.</summary>
    public static string ConnectionString
    {
        get
        {
            lock (Gate)
            {
                if (_connectionString is null)
                {
                    if (Environment.GetEnvironmentVariable("PGLINT_TEST_CONNECTION") is { Length: > 0 } given)
                    {
                        _connectionString = given;
                    }
                    else
                    {
                        _clusterDirectory = Directory.CreateTempSubdirectory("pglint-pg-").FullName;
                        _connectionString = Script("start", _clusterDirectory).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
                    }
                }

                return _connectionString;
            }
        }
    }

    /// <summary>Creates a scratch database; disposing the result drops it.</summary>
    public static TestDatabase CreateDatabase(string purpose) => new(purpose);

    /// <summary>Stops and removes the cluster this process started, if any.</summary>
    public static void StopIfStarted()
    {
        lock (Gate)
        {
            if (_clusterDirectory is not null)
            {
                NpgsqlConnection.ClearAllPools();
                Script("stop", _clusterDirectory);
                _clusterDirectory = null;
                _connectionString = null;
            }
        }
    }

    private static string Script(string verb, string directory)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "eng", "postgres.sh"), verb, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"eng/postgres.sh {verb} failed: {error}");
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

/// <summary>A database created for one test class and dropped afterwards, also when the test failed.</summary>
public sealed class TestDatabase : IDisposable
{
    internal TestDatabase(string purpose)
    {
        Name = $"pglint_{purpose}_{Guid.NewGuid():N}"[..40];
        using (var admin = new NpgsqlConnection(TestPostgres.ConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin);
            create.ExecuteNonQuery();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = Name, Pooling = false }.ConnectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>Its connection string (no pooling, so that dropping it is never blocked).</summary>
    public string ConnectionString { get; }

    /// <summary>Opens a connection to it.</summary>
    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
