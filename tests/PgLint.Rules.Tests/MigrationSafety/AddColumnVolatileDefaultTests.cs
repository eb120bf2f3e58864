using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.AddColumnVolatileDefault>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class AddColumnVolatileDefaultTests
{
    private static readonly VerifyOptions Pg10 = new() { PostgresVersion = new PostgresVersion(10, 0) };
    private static readonly VerifyOptions Pg11 = new() { PostgresVersion = new PostgresVersion(11, 0) };

    [Test]
    public void A_volatile_built_in_default_is_reported() =>
        Verifier.Verify(
            """
            [|ALTER TABLE orders ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid()|];
            [|ALTER TABLE orders ADD COLUMN shard float8 DEFAULT random()|];
            [|ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp()|];
            [|ALTER TABLE orders ADD COLUMN number bigint DEFAULT nextval('orders_number_seq')|];
            [|ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT extensions.uuid_generate_v4()|];
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Adding column token to orders with DEFAULT gen_random_uuid() rewrites orders and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes: gen_random_uuid() is volatile, so each existing row gets its own value.",
                    "Adding column shard to orders with DEFAULT random() rewrites orders and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes: random() is volatile, so each existing row gets its own value.",
                    "Adding column seen_at to orders with DEFAULT clock_timestamp() rewrites orders and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes: clock_timestamp() is volatile, so each existing row gets its own value.",
                    "Adding column number to orders with DEFAULT nextval('orders_number_seq') rewrites orders and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes: nextval() is volatile, so each existing row gets its own value.",
                    "Adding column public_id to orders with DEFAULT extensions.uuid_generate_v4() rewrites orders and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes: extensions.uuid_generate_v4() is volatile, so each existing row gets its own value.",
                ],
            });

    [Test]
    public void A_volatile_call_inside_an_expression_is_reported() =>
        Verifier.Verify("[|ALTER TABLE orders ADD COLUMN code text DEFAULT upper(md5(random()::text))|];");

    [Test]
    public void Constant_stable_and_immutable_defaults_are_not_reported_on_PostgreSQL_11_and_later()
    {
        const string sql = """
            ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';
            ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();
            ALTER TABLE orders ADD COLUMN updated_at timestamptz DEFAULT CURRENT_TIMESTAMP;
            ALTER TABLE orders ADD COLUMN created_on date DEFAULT timezone('utc', now());
            ALTER TABLE orders ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}'::jsonb;
            ALTER TABLE orders ADD COLUMN tags text[] DEFAULT ARRAY[]::text[];
            ALTER TABLE orders ADD COLUMN priority int DEFAULT -1;
            ALTER TABLE orders ADD COLUMN note text DEFAULT NULL;
            """;
        Verifier.Verify(sql);
        Verifier.Verify(sql, Pg11);
    }

    [Test]
    public void Before_PostgreSQL_11_every_non_null_default_is_reported_but_not_default_null() =>
        Verifier.Verify(
            """
            [|ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR'|];
            ALTER TABLE orders ADD COLUMN note text DEFAULT NULL::text;
            ALTER TABLE orders ADD COLUMN comment text;
            """,
            Pg10 with
            {
                ExpectedMessages = ["Adding column currency to orders with DEFAULT 'EUR' rewrites orders and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes: before PostgreSQL 11 every non-null default is written into each row (target 10)."],
            });

    [Test]
    public void A_user_function_takes_its_volatility_from_the_catalog_and_an_unknown_one_is_treated_as_volatile() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD COLUMN region text DEFAULT default_region();
            [|ALTER TABLE orders ADD COLUMN ticket text DEFAULT next_ticket()|];
            [|ALTER TABLE orders ADD COLUMN slug text DEFAULT make_slug()|];
            """,
            new VerifyOptions
            {
                PrecedingFiles =
                [
                    """
                    CREATE FUNCTION default_region() RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'eu' $$;
                    CREATE FUNCTION next_ticket() RETURNS text LANGUAGE sql AS $$ SELECT 't' $$;
                    """,
                ],
                ExpectedMessages =
                [
                    "Adding column ticket to orders with DEFAULT next_ticket() rewrites orders and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes: next_ticket() is volatile, so each existing row gets its own value.",
                    "Adding column slug to orders with DEFAULT make_slug() rewrites orders and its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes: the volatility of make_slug() is not known, so it is treated as volatile.",
                ],
            });

    [Test]
    public void New_tables_and_columns_other_rules_report_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE tokens (id bigint PRIMARY KEY);
            ALTER TABLE tokens ADD COLUMN value uuid DEFAULT gen_random_uuid();
            ALTER TABLE orders ADD COLUMN number bigserial;
            ALTER TABLE orders ADD COLUMN seq bigint GENERATED BY DEFAULT AS IDENTITY;
            ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();
            """);

    [Test]
    public void Add_column_if_not_exists_of_a_column_the_catalog_knows_is_a_no_op_but_an_unknown_table_or_column_is_not() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid();
            [|ALTER TABLE orders ADD COLUMN IF NOT EXISTS shard float8 DEFAULT random()|];
            [|ALTER TABLE invoices ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid()|];
            """,
            new VerifyOptions { PrecedingFiles = ["CREATE TABLE orders (id bigint PRIMARY KEY, token uuid);"] });
}
