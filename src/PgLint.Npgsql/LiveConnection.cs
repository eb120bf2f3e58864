using System.Net.Sockets;
using Npgsql;

namespace PgLint.Npgsql;

/// <summary>
/// The connection string of a live-database command: <c>--connection</c>, else
/// <c>PGLINT_CONNECTION</c>, completed from the libpq variables (<c>PGHOST</c>, <c>PGPORT</c>,
/// <c>PGUSER</c>, <c>PGDATABASE</c>, <c>PGPASSWORD</c>) for whatever it leaves out.
/// </summary>
public static class LiveConnection
{
    /// <summary>
    /// Builds the connection settings as <see cref="ConnectionStrings.FromArgumentOrEnvironment"/> does
    /// (Npgsql's form or a <c>postgres://</c> URI), defaulting the host to <c>localhost</c>;
    /// <paramref name="environment"/> reads a variable (tests pass their own).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is malformed (the message never contains the password).</exception>
    public static NpgsqlConnectionStringBuilder Resolve(string? connection, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = ConnectionStrings.FromArgumentOrEnvironment(connection, environment)
                ?? ConnectionStrings.FromArgumentOrEnvironment("Host=localhost", environment)!;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            throw new ArgumentException(ConnectionStrings.Redact(ex.Message, null), ex);
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            builder.Host = "localhost";
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "pglint";
        }

        // A pooled connection would keep its backend, and with it session state such as hypothetical indexes, alive.
        builder.Pooling = false;
        return builder;
    }

    /// <summary>Opens a connection, or throws <see cref="LiveConnectionException"/> with one line naming host, port and reason.</summary>
    public static NpgsqlConnection Open(NpgsqlConnectionStringBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException or ArgumentException)
        {
            connection.Dispose();
            throw new LiveConnectionException(Describe(settings), Reason(ex, settings), ex);
        }
    }

    /// <summary>Opens a connection asynchronously, or throws <see cref="LiveConnectionException"/> with one line naming host, port and reason.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException or ArgumentException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new LiveConnectionException(Describe(settings), Reason(ex, settings), ex);
        }
    }

    /// <summary>Host and port as a message names them.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"{(string.IsNullOrEmpty(settings.Host) ? "localhost" : settings.Host)}:{settings.Port}";
    }

    /// <summary>Why a connection or a query failed, in one line without the password.</summary>
    public static string Reason(Exception ex, NpgsqlConnectionStringBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(settings);
        string? reason = null;
        for (var current = ex; current is not null && reason is null; current = current.InnerException)
        {
            reason = current switch
            {
                PostgresException postgres => postgres.MessageText,
                SocketException socket => socket.Message,
                TimeoutException => "timed out",
                _ => null,
            };
        }

        reason = (reason ?? ex.Message).ReplaceLineEndings(" ").Trim().TrimEnd('.');
        return ConnectionStrings.Redact(reason, settings.Password);
    }
}

/// <summary>A live database could not be reached: the message is one line with host, port and reason.</summary>
public sealed class LiveConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LiveConnectionException(string endpoint, string reason, Exception inner)
        : base($"cannot connect to {endpoint}: {reason}", inner)
    {
        Endpoint = endpoint;
        Reason = reason;
    }

    /// <summary><c>host:port</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Why, as the server or the network said.</summary>
    public string Reason { get; }
}
