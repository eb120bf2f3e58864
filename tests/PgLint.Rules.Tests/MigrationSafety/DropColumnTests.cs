using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.DropColumn>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class DropColumnTests
{
    [Test]
    public void Dropping_a_column_of_an_existing_table_is_reported_once_per_column() =>
        Verifier.Verify(
            "[|{|PG1019:ALTER TABLE orders DROP COLUMN legacy_flag, DROP COLUMN IF EXISTS notes|}|];",
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Dropping column legacy_flag of orders breaks every running query and deployed version of the application that still reads or writes it.",
                    "Dropping column notes of orders breaks every running query and deployed version of the application that still reads or writes it.",
                ],
            });

    [Test]
    public void Dropping_a_column_of_a_table_created_in_an_earlier_file_is_reported() =>
        Verifier.Verify("[|ALTER TABLE t DROP COLUMN a|];", new VerifyOptions { PrecedingFiles = ["CREATE TABLE t (a int, b int);"] });

    [Test]
    public void Dropping_a_column_of_a_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify("CREATE TABLE t (a int, b int); ALTER TABLE t DROP COLUMN a;");

    [Test]
    public void Dropping_a_constraint_or_a_default_is_not_this_rule() =>
        Verifier.Verify("ALTER TABLE orders DROP CONSTRAINT orders_total_check, ALTER COLUMN status DROP DEFAULT;");

    [Test]
    public void Drop_column_if_exists_of_a_column_the_catalog_knows_is_absent_is_a_no_op_but_an_unknown_table_is_not() =>
        Verifier.Verify(
            """
            ALTER TABLE orders DROP COLUMN IF EXISTS legacy;
            [|ALTER TABLE orders DROP COLUMN IF EXISTS note|];
            [|ALTER TABLE invoices DROP COLUMN IF EXISTS legacy|];
            """,
            new VerifyOptions { PrecedingFiles = ["CREATE TABLE orders (id bigint PRIMARY KEY, note text);"] });
}
