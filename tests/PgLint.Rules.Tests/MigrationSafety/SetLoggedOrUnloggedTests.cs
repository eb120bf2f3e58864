using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class SetLoggedOrUnloggedTests
{
    [Test]
    public void Switching_an_existing_table_is_reported() =>
        AnalyzerVerifier<SetLoggedOrUnlogged>.Verify("[|ALTER TABLE events SET UNLOGGED|]; [|ALTER TABLE events SET LOGGED|];");

    [Test]
    public void A_table_created_earlier_in_the_file_is_not_reported() =>
        AnalyzerVerifier<SetLoggedOrUnlogged>.Verify("CREATE UNLOGGED TABLE staging (a int); ALTER TABLE staging SET LOGGED;");
}
