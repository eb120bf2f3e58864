using System.Diagnostics;
using System.Globalization;
using Npgsql;
using PgLint.Analysis;

namespace PgLint.Npgsql;

/// <summary>Limits that keep <c>pglint db</c> harmless on a production server.</summary>
public sealed record LiveDatabaseOptions
{
    /// <summary>How long one catalog or statistics query may run (<c>statement_timeout</c>).</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a query may wait for a lock (<c>lock_timeout</c>); reads of the catalog take only ACCESS SHARE.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Also read the database's statements from <c>pg_stat_statements</c> when the extension is installed and loaded.</summary>
    public bool ReadStatements { get; init; }
}

/// <summary>What <see cref="LiveDatabase.ReadAsync"/> read.</summary>
/// <param name="Database">The database's name.</param>
/// <param name="Catalog">Its catalog (objects named by <see cref="ObjectOrigin.FromDatabase"/>).</param>
/// <param name="Statistics">Its statistics.</param>
/// <param name="CatalogElapsed">Time spent loading the catalog.</param>
/// <param name="StatisticsElapsed">Time spent loading the statistics.</param>
public sealed record LiveDatabaseSnapshot(string Database, Catalog Catalog, DatabaseStatistics Statistics, TimeSpan CatalogElapsed, TimeSpan StatisticsElapsed);

/// <summary>A live database could not be read; the message is one line, names host and port, and never holds the password.</summary>
public sealed class LiveDatabaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LiveDatabaseException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LiveDatabaseException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public LiveDatabaseException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Reads a live database's catalog and statistics in one <c>READ ONLY</c> transaction with
/// <c>statement_timeout</c> and <c>lock_timeout</c> set, then rolls it back. Nothing is written.
/// </summary>
public static class LiveDatabase
{
    /// <summary>Connects, reads, disconnects.</summary>
    /// <exception cref="LiveDatabaseException">The server could not be reached, refused the login, or a query failed.</exception>
    public static async Task<LiveDatabaseSnapshot> ReadAsync(NpgsqlConnectionStringBuilder connection, LiveDatabaseOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new LiveDatabaseOptions();
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Pooling = false };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "pglint";
        }

        var target = ConnectionStrings.Describe(builder);
        NpgsqlConnection opened;
        try
        {
            opened = await LiveConnection.OpenAsync(builder, cancellationToken).ConfigureAwait(false);
        }
        catch (LiveConnectionException ex)
        {
            throw new LiveDatabaseException(ex.Message, ex);
        }

        await using var session = opened;
        try
        {
            await using var transaction = await session.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(session, "SET TRANSACTION READ ONLY", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(session, $"SET LOCAL statement_timeout = {Milliseconds(options.StatementTimeout)}", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(session, $"SET LOCAL lock_timeout = {Milliseconds(options.LockTimeout)}", cancellationToken).ConfigureAwait(false);

            var stopwatch = Stopwatch.StartNew();
            var catalog = await CatalogLoader.LoadAsync(session, cancellationToken).ConfigureAwait(false);
            var catalogElapsed = stopwatch.Elapsed;
            stopwatch.Restart();
            var statistics = await StatisticsLoader.LoadAsync(session, options.ReadStatements, cancellationToken).ConfigureAwait(false);
            var statisticsElapsed = stopwatch.Elapsed;
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new LiveDatabaseSnapshot(statistics.Database ?? builder.Database ?? string.Empty, catalog, statistics, catalogElapsed, statisticsElapsed);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new LiveDatabaseException($"reading {target} failed: {LiveConnection.Reason(ex, builder)}", ex);
        }
    }

    private static string Milliseconds(TimeSpan value) =>
        ((long)Math.Max(0, value.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
