using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class AddForeignKeyWithoutNotValidTests
{
    [Test]
    public void A_validated_foreign_key_names_both_tables() =>
        AnalyzerVerifier<AddForeignKeyWithoutNotValid>.Verify(
            "[|ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)|];",
            new VerifyOptions { ExpectedMessages = ["Adding foreign key orders_customer_fk to orders without NOT VALID checks every row under SHARE ROW EXCLUSIVE locks that block writes to orders and customers."] });

    [Test]
    public void An_added_column_with_references_is_reported() =>
        AnalyzerVerifier<AddForeignKeyWithoutNotValid>.Verify("[|ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons|];");

    [Test]
    public void Not_valid_foreign_keys_and_new_tables_are_not_reported() =>
        AnalyzerVerifier<AddForeignKeyWithoutNotValid>.Verify(
            """
            ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
            CREATE TABLE refunds (order_id bigint);
            ALTER TABLE refunds ADD FOREIGN KEY (order_id) REFERENCES orders (id);
            """);

    [Test]
    public void The_fix_names_an_unnamed_foreign_key_adds_it_not_valid_and_validates_it() =>
        AnalyzerVerifier<AddForeignKeyWithoutNotValid>.VerifyFix(
            "[|ALTER TABLE orders ADD FOREIGN KEY (customer_id, region) REFERENCES customers (id, region)|];",
            "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_region_fkey FOREIGN KEY (customer_id, region) REFERENCES customers (id, region) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_region_fkey;");

    [Test]
    public void The_fix_keeps_a_named_foreign_key_and_if_exists() =>
        AnalyzerVerifier<AddForeignKeyWithoutNotValid>.VerifyFix(
            "[|ALTER TABLE IF EXISTS \"Orders\" ADD CONSTRAINT \"Orders_fk\" FOREIGN KEY (c) REFERENCES customers ON DELETE CASCADE|];",
            "ALTER TABLE IF EXISTS \"Orders\" ADD CONSTRAINT \"Orders_fk\" FOREIGN KEY (c) REFERENCES customers ON DELETE CASCADE NOT VALID;\nALTER TABLE IF EXISTS \"Orders\" VALIDATE CONSTRAINT \"Orders_fk\";");

    [Test]
    public void The_fixed_text_raises_neither_pg1009_nor_pg1010_outside_a_transaction()
    {
        const string Sql = "SET lock_timeout = '2s';\nALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);\n";
        var fix = AnalyzerVerifier.LintForTest(Sql, [new AddForeignKeyWithoutNotValid()]).Should().ContainSingle().Which.Fixes.Should().ContainSingle().Which;
        fix.ValidInTransactionBlock.Should().BeFalse();
        fix.Safety.Should().Be(FixSafety.Safe);
        AnalyzerVerifier.LintForTest(fix.ApplyTo(Sql), [new AddForeignKeyWithoutNotValid(), new ValidateInSameTransaction()]).Should().BeEmpty();
    }

    [Test]
    public void A_foreign_key_on_a_new_column_gets_no_fix_because_not_valid_is_a_table_constraint_attribute() =>
        AnalyzerVerifier.LintForTest("ALTER TABLE orders ADD COLUMN customer_id int REFERENCES customers (id);", [new AddForeignKeyWithoutNotValid()])
            .Should().ContainSingle().Which.Fixes.Should().BeEmpty();
}
