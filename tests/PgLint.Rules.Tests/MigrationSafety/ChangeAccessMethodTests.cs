using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class ChangeAccessMethodTests
{
    [Test]
    public void Changing_the_access_method_of_an_existing_table_is_reported() =>
        AnalyzerVerifier<ChangeAccessMethod>.Verify(
            "[|ALTER TABLE events SET ACCESS METHOD columnar|];",
            new VerifyOptions { ExpectedMessages = ["Changing the access method of events to columnar rewrites events and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes."] });

    [Test]
    public void A_table_created_earlier_in_the_file_is_not_reported() =>
        AnalyzerVerifier<ChangeAccessMethod>.Verify("CREATE TABLE t (a int); ALTER TABLE t SET ACCESS METHOD heap;");
}
