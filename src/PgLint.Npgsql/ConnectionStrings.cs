using System.Globalization;
using Npgsql;

namespace PgLint.Npgsql;

/// <summary>
/// Connection strings as users give them: Npgsql's <c>Host=…;Database=…</c> form or a libpq URI
/// (<c>postgres://user:password@host:5432/db?sslmode=require</c>); and their display without the password.
/// </summary>
public static class ConnectionStrings
{
    /// <summary>Parses either form.</summary>
    /// <exception cref="ArgumentException">Neither form.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Trim();
        if (!text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(text);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"not a connection string: {Redact(ex.Message, null)}", nameof(connectionString));
            }
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException("not a postgres:// URI.", nameof(connectionString));
        }

        var builder = new NpgsqlConnectionStringBuilder();
        if (uri.Host.Length > 0)
        {
            builder.Host = Uri.UnescapeDataString(uri.Host.Trim('[', ']'));
        }

        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true);
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout":
                    builder.Timeout = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"the URI parameter '{key}' is not supported (supported: sslmode, application_name, connect_timeout).", nameof(connectionString));
            }
        }

        return builder;
    }

    /// <summary>
    /// The connection from the command line, else <c>PGLINT_CONNECTION</c> (either form), completed
    /// from the libpq variables (<c>PGHOST</c>, <c>PGPORT</c>, <c>PGUSER</c>, <c>PGDATABASE</c>,
    /// <c>PGPASSWORD</c>) for whatever it leaves out; null when neither a connection nor <c>PGHOST</c> is set.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is malformed (the message never holds the password).</exception>
    public static NpgsqlConnectionStringBuilder? FromArgumentOrEnvironment(string? argument, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var text = argument is { Length: > 0 } ? argument : environment("PGLINT_CONNECTION");
        NpgsqlConnectionStringBuilder builder;
        bool hasPort;
        if (text is { Length: > 0 })
        {
            builder = Parse(text);
            hasPort = HasPort(text.Trim());
        }
        else if (environment("PGHOST") is { Length: > 0 } host)
        {
            builder = new NpgsqlConnectionStringBuilder { Host = host };
            hasPort = false;
        }
        else
        {
            return null;
        }

        if (string.IsNullOrEmpty(builder.Host) && environment("PGHOST") is { Length: > 0 } pgHost)
        {
            builder.Host = pgHost;
        }

        if (!hasPort && environment("PGPORT") is { Length: > 0 } port && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            builder.Port = number;
        }

        if (string.IsNullOrEmpty(builder.Username) && environment("PGUSER") is { Length: > 0 } user)
        {
            builder.Username = user;
        }

        if (string.IsNullOrEmpty(builder.Database) && environment("PGDATABASE") is { Length: > 0 } database)
        {
            builder.Database = database;
        }

        if (string.IsNullOrEmpty(builder.Password) && environment("PGPASSWORD") is { Length: > 0 } password)
        {
            builder.Password = password;
        }

        return builder;
    }

    /// <summary>Where a connection goes, for messages: <c>host:port/database as user</c>; never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        var user = string.IsNullOrEmpty(builder.Username) ? string.Empty : $" as {builder.Username}";
        return $"{host}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}{user}";
    }

    /// <summary>Removes <paramref name="password"/> (and any <c>Password=…</c> pair) from a text meant for output.</summary>
    public static string Redact(string text, string? password)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (password is { Length: > 0 })
        {
            text = text.Replace(password, "********", StringComparison.Ordinal);
        }

        return System.Text.RegularExpressions.Regex.Replace(text, @"(?i)(password|pwd)\s*=\s*[^;]*", "$1=********");
    }

    private static bool HasPort(string text)
    {
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && !uri.IsDefaultPort && uri.Port > 0;
        }

        return new System.Data.Common.DbConnectionStringBuilder { ConnectionString = text }.ContainsKey("Port");
    }
}
