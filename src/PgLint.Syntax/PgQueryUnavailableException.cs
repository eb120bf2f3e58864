namespace PgLint.Syntax;

/// <summary>
/// The native libpg_query library could not be loaded. The message says how to install it.
/// </summary>
public sealed class PgQueryUnavailableException : Exception
{
    /// <summary>The installation hint shown to users.</summary>
    public const string InstallHint =
        "libpg_query 15 (libpg_query.so.1504.0) was not found. Install it with " +
        "'apt-get install libpg-query1504.0' (Debian 12 and later), or set PGLINT_LIBPG_QUERY to the library file.";

    /// <summary>Creates the exception from the runtime's load failure.</summary>
    public PgQueryUnavailableException(Exception inner)
        : base(InstallHint, inner)
    {
    }

    /// <summary>Creates the exception with the standard hint.</summary>
    public PgQueryUnavailableException()
        : base(InstallHint)
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    public PgQueryUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a custom message and cause.</summary>
    public PgQueryUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
