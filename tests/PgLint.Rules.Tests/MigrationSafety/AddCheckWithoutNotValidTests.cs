using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class AddCheckWithoutNotValidTests
{
    [Test]
    public void A_validated_check_on_an_existing_table_is_reported() =>
        AnalyzerVerifier<AddCheckWithoutNotValid>.Verify(
            "[|ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0)|];",
            new VerifyOptions { ExpectedMessages = ["Adding check constraint orders_total_check to orders without NOT VALID scans every row of orders under an ACCESS EXCLUSIVE lock that blocks all reads and writes."] });

    [Test]
    public void Not_valid_then_validate_is_not_reported() =>
        AnalyzerVerifier<AddCheckWithoutNotValid>.Verify(
            "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID; ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;");

    [Test]
    public void A_check_on_a_table_created_earlier_in_the_file_or_a_unique_constraint_is_not_reported() =>
        AnalyzerVerifier<AddCheckWithoutNotValid>.Verify("CREATE TABLE t (a int); ALTER TABLE t ADD CHECK (a > 0); ALTER TABLE orders ADD UNIQUE (id);");

    [TestCase(100, Severity.Info)]
    [TestCase(50_000, Severity.Warning)]
    [TestCase(20_000_000, Severity.Error)]
    public void With_statistics_the_severity_follows_the_tables_row_count(double rows, Severity expected) =>
        AnalyzerVerifier.LintForTest(
                "ALTER TABLE orders ADD CONSTRAINT orders_a_check CHECK (a > 0);",
                [new PgLint.Rules.MigrationSafety.AddCheckWithoutNotValid()],
                new VerifyOptions { Statistics = new DatabaseStatistics { Tables = [new TableStatistics { Schema = "public", Name = "orders", Rows = rows }] } })
            .Should().ContainSingle(static d => d.Id == "PG1008").Which.Severity.Should().Be(expected);

    [Test]
    public void The_fix_adds_the_check_not_valid_and_validates_it_in_a_separate_statement() =>
        AnalyzerVerifier<AddCheckWithoutNotValid>.VerifyFix(
            "[|ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0)|];",
            "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;");

    [Test]
    public void The_fix_names_an_unnamed_check_as_postgresql_would_numbering_past_an_existing_name() =>
        AnalyzerVerifier<AddCheckWithoutNotValid>.VerifyFix(
            "[|ALTER TABLE ONLY sales.orders ADD CHECK (total >= 0)|];",
            "ALTER TABLE ONLY sales.orders ADD CONSTRAINT orders_total_check1 CHECK (total >= 0) NOT VALID;\nALTER TABLE ONLY sales.orders VALIDATE CONSTRAINT orders_total_check1;",
            new VerifyOptions { PrecedingFiles = ["CREATE SCHEMA sales; CREATE TABLE sales.orders (id int PRIMARY KEY, total int, CONSTRAINT orders_total_check CHECK (total < 1000));"] });

    [Test]
    public void The_fix_is_safe_outside_a_transaction_block_and_unsafe_inside_one()
    {
        const string Sql = "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);";
        var outside = AnalyzerVerifier.LintForTest(Sql, [new AddCheckWithoutNotValid()]).Should().ContainSingle().Which.Fixes.Should().ContainSingle().Which;
        outside.Safety.Should().Be(FixSafety.Safe);
        outside.ValidInTransactionBlock.Should().BeFalse();
        AnalyzerVerifier.LintForTest("BEGIN;\n" + Sql + "\nCOMMIT;", [new AddCheckWithoutNotValid()])
            .Should().ContainSingle().Which.Fixes.Should().ContainSingle().Which.Safety.Should().Be(FixSafety.Unsafe);
    }

    [Test]
    public void The_fixed_text_raises_neither_pg1008_nor_pg1010_outside_a_transaction()
    {
        const string Sql = "SET lock_timeout = '2s';\nALTER TABLE orders ADD CHECK (total >= 0);\n";
        var fix = AnalyzerVerifier.LintForTest(Sql, [new AddCheckWithoutNotValid()]).Should().ContainSingle().Which.Fixes[0];
        var fixedText = fix.ApplyTo(Sql);
        fixedText.Should().Contain("ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;");
        AnalyzerVerifier.LintForTest(fixedText, [new AddCheckWithoutNotValid(), new ValidateInSameTransaction()]).Should().BeEmpty();
    }

    [Test]
    public void A_comment_before_the_semicolon_stays_outside_the_inserted_text() =>
        AnalyzerVerifier<AddCheckWithoutNotValid>.VerifyFix(
            "[|ALTER TABLE orders ADD CHECK (total >= 0)|] -- totals\n;",
            "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check -- totals\n;");

    [Test]
    public void No_fix_when_the_alter_table_has_other_subcommands() =>
        AnalyzerVerifier.LintForTest("ALTER TABLE orders ADD CHECK (total >= 0), ADD COLUMN note text;", [new AddCheckWithoutNotValid()])
            .Should().ContainSingle().Which.Fixes.Should().BeEmpty();
}
