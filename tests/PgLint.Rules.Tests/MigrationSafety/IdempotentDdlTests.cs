using PgLint.Rules.MigrationSafety;
using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.IdempotentDdl>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class IdempotentDdlTests
{
    [Test]
    public void The_rule_is_off_by_default_and_no_profile_turns_it_on()
    {
        IdempotentDdl.Rule.IsEnabledByDefault.Should().BeFalse();
        IdempotentDdl.Rule.ProfileLevels.Should().BeEmpty();
    }

    [Test]
    public void Create_and_drop_without_if_exists_in_a_file_with_concurrently_are_reported() =>
        Verifier.Verify(
            """
            [|CREATE TABLE order_notes (id bigint PRIMARY KEY, note text)|];
            [|CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)|];
            [|DROP INDEX CONCURRENTLY orders_old_status_idx|];
            [|ALTER TABLE orders ADD COLUMN note text|];
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "CREATE TABLE order_notes fails when the migration is run again after failing part-way; IF NOT EXISTS makes it safe to repeat.",
                    "CREATE INDEX orders_status_idx fails when the migration is run again after failing part-way; IF NOT EXISTS makes it safe to repeat.",
                    "DROP INDEX orders_old_status_idx fails when the migration is run again after failing part-way; IF EXISTS makes it safe to repeat.",
                    "ADD COLUMN note fails when the migration is run again after failing part-way; IF NOT EXISTS makes it safe to repeat.",
                ],
            });

    [Test]
    public void Statements_with_if_exists_and_unnamed_indexes_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE IF NOT EXISTS order_notes (id bigint PRIMARY KEY, note text);
            CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
            CREATE INDEX CONCURRENTLY ON orders (total);
            DROP INDEX CONCURRENTLY IF EXISTS orders_old_status_idx;
            ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text, DROP COLUMN IF EXISTS legacy;
            CREATE VIEW open_orders AS SELECT * FROM orders WHERE status = 'open';
            """);

    [Test]
    public void A_file_without_concurrently_is_not_reported_unless_all_files_is_set()
    {
        const string sql = "CREATE TABLE order_notes (id bigint PRIMARY KEY);";
        Verifier.Verify(sql);
        Verifier.Verify($"[|{sql[..^1]}|];", new VerifyOptions { RuleOptionsJson = """{ "PG1040": { "allFiles": true } }""" });
    }

    [Test]
    public void Fix_inserts_if_not_exists_before_the_index_name() =>
        Verifier.VerifyFix(
            "[|CREATE UNIQUE INDEX CONCURRENTLY /* by email */ customers_email_key ON customers (email)|];",
            "CREATE UNIQUE INDEX CONCURRENTLY /* by email */ IF NOT EXISTS customers_email_key ON customers (email);");

    [Test]
    public void Fix_inserts_if_exists_after_a_two_word_object_type_and_concurrently() =>
        Verifier.VerifyFix(
            """
            REINDEX INDEX CONCURRENTLY orders_pkey;
            [|DROP MATERIALIZED VIEW order_totals|];
            [|DROP INDEX CONCURRENTLY orders_old_idx|];
            """,
            """
            REINDEX INDEX CONCURRENTLY orders_pkey;
            DROP MATERIALIZED VIEW IF EXISTS order_totals;
            DROP INDEX CONCURRENTLY IF EXISTS orders_old_idx;
            """);

    [Test]
    public void Fix_inserts_if_not_exists_for_tables_sequences_schemas_extensions_and_columns() =>
        Verifier.VerifyFix(
            """
            CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
            [|CREATE SCHEMA billing|];
            [|CREATE EXTENSION pg_trgm|];
            [|CREATE SEQUENCE billing.invoice_numbers|];
            [|CREATE UNLOGGED TABLE billing.runs (id bigint PRIMARY KEY)|];
            [|ALTER TABLE orders ADD COLUMN invoice_no bigint|];
            [|ALTER TABLE orders DROP COLUMN legacy|];
            [|ALTER TABLE orders DROP CONSTRAINT orders_legacy_check|];
            """,
            """
            CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
            CREATE SCHEMA IF NOT EXISTS billing;
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE SEQUENCE IF NOT EXISTS billing.invoice_numbers;
            CREATE UNLOGGED TABLE IF NOT EXISTS billing.runs (id bigint PRIMARY KEY);
            ALTER TABLE orders ADD COLUMN IF NOT EXISTS invoice_no bigint;
            ALTER TABLE orders DROP COLUMN IF EXISTS legacy;
            ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_legacy_check;
            """);
}
