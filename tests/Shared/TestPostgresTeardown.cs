using NUnit.Framework;

/// <summary>
/// Stops the cluster <see cref="PgLint.Tests.Shared.TestPostgres"/> started, when the test assembly
/// is done. In no namespace, so that it wraps every test of the assembly.
/// </summary>
[SetUpFixture]
#pragma warning disable CA1050 // An assembly-wide set-up fixture must be outside any namespace.
public sealed class TestPostgresTeardown
#pragma warning restore CA1050
{
    [OneTimeTearDown]
    public void Stop() => PgLint.Tests.Shared.TestPostgres.StopIfStarted();
}
