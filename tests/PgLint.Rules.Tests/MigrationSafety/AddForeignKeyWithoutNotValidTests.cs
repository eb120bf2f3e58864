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
}
