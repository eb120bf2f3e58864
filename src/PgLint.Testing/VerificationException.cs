namespace PgLint.Testing;

/// <summary>
/// Thrown when a verification fails. Test frameworks report it as a failure with its message, which
/// lists what was expected, what was reported and the source.
/// </summary>
public sealed class VerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public VerificationException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public VerificationException()
        : base("Verification failed.")
    {
    }
}
