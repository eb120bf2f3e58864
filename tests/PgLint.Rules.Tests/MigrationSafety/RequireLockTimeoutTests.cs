using PgLint.Rules.MigrationSafety;
using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.RequireLockTimeout>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class RequireLockTimeoutTests
{
    [Test]
    public void Alter_table_without_a_lock_timeout_is_reported() =>
        Verifier.Verify(
            "[|ALTER TABLE customers ADD COLUMN last_login_at timestamptz|];",
            new VerifyOptions
            {
                ExpectedMessages = ["This statement takes an ACCESS EXCLUSIVE lock on customers with no lock_timeout set, so all queries on customers queue behind it for as long as it waits for that lock."],
            });

    [Test]
    public void Lock_that_blocks_only_writes_names_the_writes() =>
        Verifier.Verify(
            "[|CREATE INDEX customers_email_idx ON customers (email)|];",
            new VerifyOptions
            {
                ExpectedMessages = ["This statement takes a SHARE lock on customers with no lock_timeout set, so all writes to customers queue behind it for as long as it waits for that lock."],
            });

    [Test]
    public void Set_lock_timeout_before_the_statement_is_not_reported() =>
        Verifier.Verify(
            """
            SET lock_timeout = '2s';
            ALTER TABLE customers ADD COLUMN last_login_at timestamptz;
            """);

    [Test]
    public void Set_lock_timeout_after_the_statement_does_not_cover_it() =>
        Verifier.Verify(
            """
            [|ALTER TABLE customers ADD COLUMN last_login_at timestamptz|];
            SET lock_timeout = '2s';
            ALTER TABLE customers ADD COLUMN referrer text;
            """);

    [Test]
    public void Only_the_first_statement_of_a_file_is_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE audit_log (id bigint);
            [|CREATE TRIGGER customers_audit AFTER UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION audit()|];
            ALTER TABLE customers ADD COLUMN last_login_at timestamptz;
            DROP INDEX customers_legacy_idx;
            """);

    [TestCase("0")]
    [TestCase("'0'")]
    [TestCase("'0ms'")]
    [TestCase("'0s'")]
    [TestCase("DEFAULT", false)]
    public void Setting_lock_timeout_to_zero_is_reported(string value, bool reported = true)
    {
        var set = $"SET lock_timeout = {value}";
        Verifier.Verify(
            $"""
            SET lock_timeout = '2s';
            {(reported ? $"[|{set}|]" : set)};
            [|ALTER TABLE customers ADD COLUMN last_login_at timestamptz|];
            """);
    }

    [Test]
    public void Setting_a_local_lock_timeout_to_zero_inside_a_transaction_is_reported() =>
        Verifier.Verify(
            """
            BEGIN;
            [|SET LOCAL lock_timeout = 0|];
            COMMIT;
            """);

    [Test]
    public void File_that_only_locks_its_new_tables_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE invoices (id bigint PRIMARY KEY, customer_ref bigint);
            CREATE INDEX invoices_customer_ref_idx ON invoices (customer_ref);
            ALTER TABLE invoices ADD COLUMN total numeric NOT NULL DEFAULT 0;
            CREATE TABLE invoice_lines (invoice_id bigint REFERENCES invoices (id));
            """);

    [Test]
    public void Creating_a_table_that_references_an_existing_one_locks_the_existing_one() =>
        Verifier.Verify(
            "[|CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id))|];",
            new VerifyOptions
            {
                ExpectedMessages = ["This statement takes a SHARE ROW EXCLUSIVE lock on customers with no lock_timeout set, so all writes to customers queue behind it for as long as it waits for that lock."],
            });

    [Test]
    public void Locks_that_block_neither_reads_nor_writes_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE INDEX CONCURRENTLY customers_email_idx ON customers (email);
            ALTER TABLE customers VALIDATE CONSTRAINT customers_email_check;
            VACUUM ANALYZE customers;
            UPDATE customers SET email = lower(email) WHERE id = 1;
            """);

    [Test]
    public void Local_lock_timeout_covers_only_its_transaction_block() =>
        Verifier.Verify(
            """
            BEGIN;
            SET LOCAL lock_timeout = '2s';
            ALTER TABLE customers ADD COLUMN last_login_at timestamptz;
            COMMIT;
            [|ALTER TABLE orders ADD COLUMN note text|];
            """);

    [Test]
    public void Local_lock_timeout_outside_a_transaction_block_does_nothing() =>
        Verifier.Verify(
            """
            SET LOCAL lock_timeout = '2s';
            [|ALTER TABLE customers ADD COLUMN last_login_at timestamptz|];
            """);

    [Test]
    public void Reset_turns_the_timeout_off_again() =>
        Verifier.Verify(
            """
            SET lock_timeout = '2s';
            RESET lock_timeout;
            [|ALTER TABLE customers ADD COLUMN last_login_at timestamptz|];
            """);

    [Test]
    public void Drop_of_an_unknown_index_counts_as_a_lock_on_an_existing_table() =>
        Verifier.Verify("[|DROP INDEX customers_legacy_idx|];");

    [Test]
    public void Each_file_needs_its_own_lock_timeout() =>
        TestLint.IdsPerFile(
            new RequireLockTimeout(),
            "SET lock_timeout = '2s'; ALTER TABLE customers ADD COLUMN a int;",
            "ALTER TABLE customers ADD COLUMN b int;")
            .Should().BeEquivalentTo([Array.Empty<string>(), ["PG1023"]], static o => o.WithStrictOrdering());

    [Test]
    public void Table_created_by_an_earlier_file_is_existing() =>
        Verifier.Verify(
            "[|ALTER TABLE invoices ADD COLUMN paid_at timestamptz|];",
            new VerifyOptions { PrecedingFiles = ["CREATE TABLE invoices (id bigint);"] });

    [Test]
    public void Fix_sets_a_lock_timeout_at_the_top_of_the_file() =>
        Verifier.VerifyFix(
            """
            -- Track logins.
            [|ALTER TABLE customers ADD COLUMN last_login_at timestamptz|];
            """,
            """
            SET lock_timeout = '2s';
            -- Track logins.
            ALTER TABLE customers ADD COLUMN last_login_at timestamptz;
            """);

    [Test]
    public void Fix_is_unsafe_and_not_offered_when_the_file_already_sets_the_timeout()
    {
        Verifier.Lint("ALTER TABLE customers ADD COLUMN a int;").Single().Fixes.Single().Safety.Should().Be(FixSafety.Unsafe);

        Verifier.Lint("SET lock_timeout = 0; ALTER TABLE customers ADD COLUMN a int;").Should().HaveCount(2).And.OnlyContain(static d => d.Fixes.IsEmpty);
    }
}
