using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.RenameTable>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class RenameTableTests
{
    [Test]
    public void Renaming_an_existing_table_is_reported() =>
        Verifier.Verify(
            "[|ALTER TABLE orders RENAME TO purchases|];",
            new VerifyOptions { ExpectedMessages = ["Renaming table orders to purchases breaks every running query and deployed version of the application that still uses orders."] });

    [Test]
    public void Views_sequences_schemas_types_and_domains_are_reported_with_their_kind() =>
        Verifier.Verify(
            """
            [|ALTER VIEW order_summary RENAME TO order_overview|];
            [|ALTER SEQUENCE invoice_numbers RENAME TO invoice_no|];
            [|ALTER SCHEMA billing RENAME TO invoicing|];
            [|ALTER TYPE order_status RENAME TO purchase_status|];
            [|ALTER DOMAIN email_address RENAME TO email|];
            [|ALTER MATERIALIZED VIEW order_totals RENAME TO totals|];
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Renaming view order_summary to order_overview breaks every running query and deployed version of the application that still uses order_summary.",
                    "Renaming sequence invoice_numbers to invoice_no breaks every running query and deployed version of the application that still uses invoice_numbers.",
                    "Renaming schema billing to invoicing breaks every running query and deployed version of the application that still uses billing.",
                    "Renaming type order_status to purchase_status breaks every running query and deployed version of the application that still uses order_status.",
                    "Renaming domain email_address to email breaks every running query and deployed version of the application that still uses email_address.",
                    "Renaming materialized view order_totals to totals breaks every running query and deployed version of the application that still uses order_totals.",
                ],
            });

    [Test]
    public void The_kind_comes_from_the_catalog_when_alter_table_renames_a_view() =>
        Verifier.Verify(
            "[|ALTER TABLE order_summary RENAME TO order_overview|];",
            new VerifyOptions
            {
                PrecedingFiles = ["CREATE VIEW order_summary AS SELECT 1 AS n;"],
                ExpectedMessages = ["Renaming view order_summary to order_overview breaks every running query and deployed version of the application that still uses order_summary."],
            });

    [Test]
    public void Objects_created_earlier_in_the_file_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE refunds (id bigint PRIMARY KEY);
            ALTER TABLE refunds RENAME TO returns;
            CREATE SEQUENCE refund_numbers;
            ALTER SEQUENCE refund_numbers RENAME TO return_numbers;
            CREATE SCHEMA returns_archive;
            ALTER SCHEMA returns_archive RENAME TO archive;
            CREATE TYPE refund_reason AS ENUM ('damaged', 'late');
            ALTER TYPE refund_reason RENAME TO return_reason;
            """);

    [Test]
    public void A_table_the_file_creates_if_not_exists_is_new_even_when_an_earlier_file_created_it() =>
        Verifier.Verify(
            """
            CREATE TABLE IF NOT EXISTS new_access_tokens (id bigint PRIMARY KEY, token text);
            INSERT INTO new_access_tokens SELECT id, token FROM access_tokens;
            DROP TABLE access_tokens;
            ALTER TABLE new_access_tokens RENAME TO access_tokens;
            """,
            new VerifyOptions { PrecedingFiles = ["CREATE TABLE new_access_tokens (id bigint PRIMARY KEY);"] });

    [Test]
    public void A_table_replaced_by_a_view_with_its_old_name_later_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            ALTER TABLE orders RENAME TO purchases;
            CREATE VIEW orders AS SELECT * FROM purchases;
            """);

    [Test]
    public void A_type_replaced_by_a_new_type_with_its_old_name_is_not_reported() =>
        Verifier.Verify(
            """
            ALTER TYPE order_status RENAME TO order_status_old;
            CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
            ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::text::order_status;
            DROP TYPE order_status_old;
            """);

    [Test]
    public void Swapping_in_a_new_table_or_type_under_the_old_name_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TYPE order_status_new AS ENUM ('new', 'paid', 'shipped');
            ALTER TABLE orders ALTER COLUMN status TYPE order_status_new USING status::text::order_status_new;
            ALTER TYPE order_status RENAME TO order_status_old;
            ALTER TYPE order_status_new RENAME TO order_status;
            DROP TYPE order_status_old;
            CREATE TABLE customers_rebuilt (id bigint PRIMARY KEY, email text);
            ALTER TABLE customers RENAME TO customers_old;
            ALTER TABLE customers_rebuilt RENAME TO customers;
            """);

    [Test]
    public void A_table_is_not_silenced_by_a_type_with_its_old_name() =>
        Verifier.Verify(
            """
            [|ALTER TABLE orders RENAME TO purchases|];
            CREATE TYPE orders AS (id bigint);
            """);

    [Test]
    public void A_view_with_another_name_or_created_before_the_rename_does_not_silence_it() =>
        Verifier.Verify(
            """
            CREATE VIEW order_list AS SELECT 1 AS n;
            [|ALTER TABLE orders RENAME TO purchases|];
            CREATE VIEW purchase_list AS SELECT * FROM purchases;
            """);

    [Test]
    public void Renaming_a_view_is_not_silenced_by_a_view_with_its_old_name() =>
        Verifier.Verify(
            """
            [|ALTER VIEW order_summary RENAME TO order_overview|];
            CREATE VIEW order_summary AS SELECT * FROM order_overview;
            """);

    [Test]
    public void Renaming_columns_constraints_and_indexes_is_not_this_rule() =>
        Verifier.Verify(
            """
            ALTER TABLE orders RENAME COLUMN status TO state;
            ALTER TABLE orders RENAME CONSTRAINT orders_total_check TO orders_total_positive;
            ALTER INDEX orders_status_idx RENAME TO orders_state_idx;
            ALTER TYPE order_status RENAME VALUE 'new' TO 'created';
            """);
}
