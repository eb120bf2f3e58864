using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.DropDatabaseOrSchema>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class DropDatabaseOrSchemaTests
{
    [Test]
    public void Drop_database_is_reported() =>
        Verifier.Verify(
            "[|DROP DATABASE IF EXISTS shop|];",
            new VerifyOptions { ExpectedMessages = ["DROP DATABASE deletes every object and row in database shop, with no way back but a backup."] });

    [Test]
    public void Drop_schema_cascade_is_reported() =>
        Verifier.Verify("[|DROP SCHEMA billing CASCADE|];");

    [Test]
    public void Drop_schema_without_cascade_which_fails_unless_empty_is_not_reported() =>
        Verifier.Verify("DROP SCHEMA IF EXISTS staging;");
}
