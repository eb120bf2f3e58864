using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.SetNotNull>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class SetNotNullTests
{
    private const string Orders = "CREATE TABLE orders (id bigint PRIMARY KEY, status text, shipped_at timestamptz);";

    private static readonly VerifyOptions Pg11 = new() { PostgresVersion = new PostgresVersion(11, 0), PrecedingFiles = [Orders] };
    private static readonly VerifyOptions Pg12 = new() { PostgresVersion = new PostgresVersion(12, 0), PrecedingFiles = [Orders] };

    [Test]
    public void Set_not_null_on_an_existing_table_is_reported() =>
        Verifier.Verify(
            "[|ALTER TABLE orders ALTER COLUMN status SET NOT NULL|];",
            new VerifyOptions { ExpectedMessages = ["Setting column status of orders NOT NULL scans every row of orders under an ACCESS EXCLUSIVE lock that blocks all reads and writes; a validated CHECK (status IS NOT NULL) would let it skip the scan."] });

    [Test]
    public void A_validated_check_in_the_same_file_silences_it_on_PostgreSQL_12() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
            ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
            ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
            """,
            Pg12);

    [Test]
    public void A_validated_check_does_not_help_before_PostgreSQL_12() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
            ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
            [|ALTER TABLE orders ALTER COLUMN status SET NOT NULL|];
            """,
            Pg11 with { ExpectedMessages = ["Setting column status of orders NOT NULL scans every row of orders under an ACCESS EXCLUSIVE lock that blocks all reads and writes."] });

    [Test]
    public void A_check_added_without_not_valid_in_an_earlier_file_silences_it() =>
        Verifier.Verify(
            "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;",
            new VerifyOptions { PrecedingFiles = [Orders + " ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL);"] });

    [Test]
    public void A_check_that_is_not_validated_yet_does_not_silence_it() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
            [|ALTER TABLE orders ALTER COLUMN status SET NOT NULL|];
            """,
            Pg12);

    [Test]
    public void A_validated_check_on_another_column_does_not_silence_it() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ADD CONSTRAINT orders_shipped_at_not_null CHECK (shipped_at IS NOT NULL);
            [|ALTER TABLE orders ALTER COLUMN status SET NOT NULL|];
            """,
            Pg12);

    [Test]
    public void A_column_already_not_null_or_a_new_table_is_not_reported() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ALTER COLUMN id SET NOT NULL;
            CREATE TABLE refunds (id bigint PRIMARY KEY, reason text);
            ALTER TABLE refunds ALTER COLUMN reason SET NOT NULL;
            """,
            Pg12);

    [Test]
    public void On_a_table_the_catalog_does_not_know_a_check_validated_earlier_in_the_file_silences_it() =>
        Verifier.Verify(
            """
            ALTER TABLE shipments ADD CONSTRAINT shipments_carrier_not_null CHECK (carrier IS NOT NULL) NOT VALID;
            ALTER TABLE shipments VALIDATE CONSTRAINT shipments_carrier_not_null;
            ALTER TABLE shipments ALTER COLUMN carrier SET NOT NULL;
            ALTER TABLE shipments ALTER COLUMN carrier SET NOT NULL;
            """);

    [Test]
    public void On_a_table_the_catalog_does_not_know_a_check_validated_earlier_does_not_help_before_PostgreSQL_12() =>
        Verifier.Verify(
            """
            ALTER TABLE shipments ADD CONSTRAINT shipments_carrier_not_null CHECK (carrier IS NOT NULL) NOT VALID;
            ALTER TABLE shipments VALIDATE CONSTRAINT shipments_carrier_not_null;
            [|ALTER TABLE shipments ALTER COLUMN carrier SET NOT NULL|];
            """,
            new VerifyOptions { PostgresVersion = new PostgresVersion(11, 0) });

    [Test]
    public void A_check_added_in_the_same_statement_does_not_silence_it() =>
        Verifier.Verify(
            """
            [|ALTER TABLE shipments ADD CONSTRAINT shipments_carrier_not_null CHECK (carrier IS NOT NULL), ALTER COLUMN carrier SET NOT NULL|];
            ALTER TABLE shipments ADD CONSTRAINT shipments_carrier_not_null2 CHECK (carrier IS NOT NULL) NOT VALID;
            [|ALTER TABLE shipments ALTER COLUMN reference SET NOT NULL|];
            """);
}
