using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.DomainConstraint>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class DomainConstraintTests
{
    private static readonly string[] Schema =
    [
        """
        CREATE DOMAIN email_address AS text;
        CREATE TABLE customers (id bigint PRIMARY KEY, email email_address);
        CREATE TABLE leads (id bigint PRIMARY KEY, contact email_address);
        """,
    ];

    [Test]
    public void Adding_a_constraint_to_a_domain_in_use_names_the_tables_it_locks() =>
        Verifier.Verify(
            "[|ALTER DOMAIN email_address ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%')|];",
            new VerifyOptions
            {
                PrecedingFiles = Schema,
                ExpectedMessages = ["ADD CONSTRAINT on domain email_address checks every value of the domain under a SHARE lock on public.customers, public.leads: writes to them wait for the whole scan."],
            });

    [Test]
    public void Validate_and_set_not_null_scan_the_same_way() =>
        Verifier.Verify(
            """
            [|ALTER DOMAIN email_address VALIDATE CONSTRAINT email_has_at|];
            [|ALTER DOMAIN email_address SET NOT NULL|];
            """,
            new VerifyOptions { PrecedingFiles = Schema });

    [Test]
    public void A_constraint_added_not_valid_is_not_reported() =>
        Verifier.Verify(
            "ALTER DOMAIN email_address ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%') NOT VALID;",
            new VerifyOptions { PrecedingFiles = Schema });

    [Test]
    public void Creating_a_domain_with_a_check_is_reported() =>
        Verifier.Verify(
            "[|CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0)|];",
            new VerifyOptions
            {
                ExpectedMessages = ["A CHECK constraint on domain positive_amount can only be changed later with ALTER DOMAIN, which takes a SHARE lock on every table with a column of the domain and scans it."],
            });

    [Test]
    public void A_domain_without_a_check_and_other_domain_changes_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE DOMAIN amount AS numeric NOT NULL DEFAULT 0;
            ALTER DOMAIN email_address DROP NOT NULL;
            ALTER DOMAIN email_address DROP CONSTRAINT email_has_at;
            ALTER DOMAIN email_address SET DEFAULT '';
            """,
            new VerifyOptions { PrecedingFiles = Schema });

    [Test]
    public void Altering_a_domain_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE DOMAIN sku AS text;
            ALTER DOMAIN sku ADD CONSTRAINT sku_format CHECK (VALUE ~ '^[A-Z0-9-]+$');
            """);
}
