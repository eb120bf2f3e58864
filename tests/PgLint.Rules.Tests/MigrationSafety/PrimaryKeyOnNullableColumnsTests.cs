using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.PrimaryKeyOnNullableColumns>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class PrimaryKeyOnNullableColumnsTests
{
    private static readonly VerifyOptions Payments = new()
    {
        PrecedingFiles =
        [
            """
            CREATE TABLE payments (id bigint, order_id bigint NOT NULL, line int, reference text);
            CREATE UNIQUE INDEX payments_id_key ON payments (id);
            CREATE UNIQUE INDEX payments_order_id_key ON payments (order_id);
            """,
        ],
    };

    [Test]
    public void A_primary_key_over_a_nullable_column_is_reported() =>
        Verifier.Verify(
            """
            [|ALTER TABLE payments ADD CONSTRAINT payments_pkey PRIMARY KEY USING INDEX payments_id_key|];
            [|ALTER TABLE payments ADD PRIMARY KEY (order_id, line)|];
            """,
            Payments with
            {
                ExpectedMessages =
                [
                    "Adding primary key payments_pkey to payments sets id NOT NULL, which scans every row of payments under an ACCESS EXCLUSIVE lock that blocks all reads and writes.",
                    "Adding a primary key to payments sets line NOT NULL, which scans every row of payments under an ACCESS EXCLUSIVE lock that blocks all reads and writes.",
                ],
            });

    [Test]
    public void Columns_already_not_null_are_not_reported() =>
        Verifier.Verify(
            """
            ALTER TABLE payments ADD CONSTRAINT payments_pkey PRIMARY KEY USING INDEX payments_order_id_key;
            ALTER TABLE payments ADD PRIMARY KEY (order_id);
            """,
            Payments);

    [Test]
    public void Columns_set_not_null_earlier_in_the_statement_or_file_are_not_reported() =>
        Verifier.Verify(
            """
            ALTER TABLE payments ALTER COLUMN id SET NOT NULL, ADD CONSTRAINT payments_pkey PRIMARY KEY USING INDEX payments_id_key;
            ALTER TABLE payments ALTER COLUMN line SET NOT NULL;
            ALTER TABLE payments ADD PRIMARY KEY (order_id, line);
            ALTER TABLE payments ADD COLUMN number bigint NOT NULL DEFAULT 0, ADD PRIMARY KEY (number);
            """,
            Payments);

    [Test]
    public void A_validated_not_null_check_counts_on_PostgreSQL_12_but_not_before() =>
        Verifier.Verify(
            """
            ALTER TABLE payments ADD CONSTRAINT payments_id_not_null CHECK (id IS NOT NULL);
            ALTER TABLE payments ADD CONSTRAINT payments_pkey PRIMARY KEY USING INDEX payments_id_key;
            """,
            Payments with { PostgresVersion = new PostgresVersion(12, 0) });

    [Test]
    public void Before_PostgreSQL_12_a_not_null_check_does_not_avoid_the_scan() =>
        Verifier.Verify(
            """
            ALTER TABLE payments ADD CONSTRAINT payments_id_not_null CHECK (id IS NOT NULL);
            [|ALTER TABLE payments ADD CONSTRAINT payments_pkey PRIMARY KEY USING INDEX payments_id_key|];
            """,
            Payments with { PostgresVersion = new PostgresVersion(11, 0) });

    [Test]
    public void Unknown_tables_and_indexes_are_reported_as_not_known_to_be_not_null() =>
        Verifier.Verify(
            """
            [|ALTER TABLE shipments ADD PRIMARY KEY (id)|];
            [|ALTER TABLE shipments ADD CONSTRAINT shipments_pkey PRIMARY KEY USING INDEX shipments_id_key|];
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Adding a primary key to shipments sets id (not known to be NOT NULL) NOT NULL, which scans every row of shipments under an ACCESS EXCLUSIVE lock that blocks all reads and writes.",
                    "Adding primary key shipments_pkey to shipments sets the columns of index shipments_id_key (not known to be NOT NULL) NOT NULL, which scans every row of shipments under an ACCESS EXCLUSIVE lock that blocks all reads and writes.",
                ],
            });

    [Test]
    public void Unique_constraints_and_new_tables_are_not_reported() =>
        Verifier.Verify(
            """
            ALTER TABLE payments ADD UNIQUE (id);
            CREATE TABLE refunds (id bigint, reason text);
            ALTER TABLE refunds ADD PRIMARY KEY (id);
            """,
            Payments);

    [Test]
    public void On_a_table_the_catalog_does_not_know_columns_set_not_null_earlier_in_the_file_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE UNIQUE INDEX CONCURRENTLY shipments_id_key ON shipments (id);
            ALTER TABLE shipments ALTER COLUMN id SET NOT NULL;
            ALTER TABLE shipments ADD CONSTRAINT shipments_pkey PRIMARY KEY USING INDEX shipments_id_key;
            [|ALTER TABLE parcels ADD PRIMARY KEY (id)|];
            """);

    [Test]
    public void For_a_table_the_catalog_knows_the_catalog_decides_after_a_rename() =>
        Verifier.Verify(
            """
            ALTER TABLE clients RENAME pk TO pk_deprecated;
            ALTER TABLE clients ADD COLUMN pk uuid;
            [|ALTER TABLE clients ADD PRIMARY KEY (pk)|];
            """,
            new VerifyOptions { PrecedingFiles = ["CREATE TABLE clients (pk int, name text); ALTER TABLE clients ALTER COLUMN pk SET NOT NULL;"] });
}
