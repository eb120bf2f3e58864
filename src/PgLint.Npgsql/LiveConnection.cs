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
    /// <summary>Builds the connection settings; <paramref name="environment"/> reads a variable (tests pass their own).</summary>
    /// <exception cref="ArgumentException">The connection string is malformed (the message never contains the password).</exception>
    public static NpgsqlConnectionStringBuilder Resolve(string? connection, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var text = connection is { Length: > 0 } ? connection : environment("PGLINT_CONNECTION") ?? string.Empty;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("the connection string is not a valid Npgsql connection string (Host=…;Port=…;Username=…;Database=…).");
        }

        builder.Host ??= environment("PGHOST") is { Length: > 0 } host ? host : "localhost";
        if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = text }.ContainsKey("Port")
            && environment("PGPORT") is { Length: > 0 } port
            && int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            builder.Port = number;
        }

        builder.Username ??= environment("PGUSER") is { Length: > 0 } user ? user : null;
        builder.Database ??= environment("PGDATABASE") is { Length: > 0 } database ? database : null;
        builder.Password ??= environment("PGPASSWORD") is { Length: > 0 } password ? password : null;
        builder.ApplicationName ??= "pglint";

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
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            connection.Dispose();
            throw new LiveConnectionException(Describe(settings), Reason(ex, settings), ex);
        }
    }

    /// <summary>Host and port as a message names them.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"{settings.Host}:{settings.Port}";
    }

    private static string Reason(Exception ex, NpgsqlConnectionStringBuilder settings)
    {
        var reason = ex is PostgresException postgres ? postgres.MessageText : (ex.InnerException?.Message ?? ex.Message);
        reason = reason.ReplaceLineEndings(" ").Trim().TrimEnd('.');
        return settings.Password is { Length: > 0 } password ? reason.Replace(password, "***", StringComparison.Ordinal) : reason;
    }
}

/// <summary>A live database could not be reached: the message is one line with host, port and reason.</summary>
public sealed class LiveConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LiveConnectionException(string endpoint, string reason, Exception inner)
        : base($"cannot connect to PostgreSQL at {endpoint}: {reason}.", inner)
    {
        Endpoint = endpoint;
        Reason = reason;
    }

    /// <summary><c>host:port</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Why, as the server or the network said.</summary>
    public string Reason { get; }
}
