using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.RenameColumn>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class RenameColumnTests
{
    [Test]
    public void Renaming_a_column_of_an_existing_table_is_reported() =>
        Verifier.Verify(
            "[|ALTER TABLE orders RENAME COLUMN status TO state|];",
            new VerifyOptions { ExpectedMessages = ["Renaming column status of orders to state breaks every running query and deployed version of the application that still uses status."] });

    [Test]
    public void Renaming_a_column_of_a_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify("CREATE TABLE t (a int); ALTER TABLE t RENAME COLUMN a TO b;");

    [Test]
    public void Renaming_the_table_or_a_constraint_is_not_this_rule() =>
        Verifier.Verify("ALTER TABLE orders RENAME TO purchases; ALTER TABLE orders RENAME CONSTRAINT a TO b;");
}
