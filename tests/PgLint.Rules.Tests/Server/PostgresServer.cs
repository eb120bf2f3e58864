using System.Diagnostics;
using Npgsql;

namespace PgLint.Rules.Tests.Server;

/// <summary>
/// A real PostgreSQL for tests: the server named by PGLINT_TEST_CONNECTION (eng/test.sh starts one),
/// else a throwaway cluster started with eng/postgres.sh and removed after the tests. Each user gets a
/// scratch database of its own, dropped when it is disposed.
/// </summary>
[SetUpFixture]
public sealed class PostgresServer
{
    private static string? _clusterDirectory;

    /// <summary>The connection string of the server's maintenance database.</summary>
    public static string ConnectionString { get; private set; } = string.Empty;

    [OneTimeSetUp]
    public void Start()
    {
        if (Environment.GetEnvironmentVariable("PGLINT_TEST_CONNECTION") is { Length: > 0 } configured)
        {
            ConnectionString = configured;
            return;
        }

        _clusterDirectory = Directory.CreateTempSubdirectory("pglint-pg-").FullName;
        ConnectionString = Script("start", _clusterDirectory).Trim();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (_clusterDirectory is not null)
        {
            Script("stop", _clusterDirectory);
            _clusterDirectory = null;
        }
    }

    /// <summary>Creates a scratch database; disposing the result drops it.</summary>
    public static ScratchDatabase CreateDatabase(string purpose) => new(purpose);

    private static string Script(string verb, string directory)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PgLint.sln")))
        {
            root = root.Parent;
        }

        var script = Path.Combine(root?.FullName ?? throw new DirectoryNotFoundException("PgLint.sln"), "eng", "postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, verb, directory]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"eng/postgres.sh {verb} failed: {error}");
    }
}

/// <summary>A database created for one test class and dropped afterwards, also when the test failed.</summary>
public sealed class ScratchDatabase : IDisposable
{
    internal ScratchDatabase(string purpose)
    {
        Name = $"pglint_{purpose}_{Guid.NewGuid():N}"[..40];
        using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin);
            create.ExecuteNonQuery();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = Name, Pooling = false }.ConnectionString;
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

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
