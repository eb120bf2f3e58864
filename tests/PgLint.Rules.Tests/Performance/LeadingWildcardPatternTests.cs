using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.LeadingWildcardPattern>;

namespace PgLint.Rules.Tests.Performance;

public sealed class LeadingWildcardPatternTests
{
    [Test]
    public void Leading_wildcard_like_is_reported() =>
        Verifier.Verify(
            "SELECT id FROM customers WHERE [|email LIKE '%@example.com'|];",
            new VerifyOptions { ExpectedMessages = ["email LIKE '%@example.com' cannot use a B-tree index on email because the pattern has no fixed prefix, so every row is read and matched; add a pg_trgm GIN index on email or use full-text search."] });

    [Test]
    public void Ilike_underscore_and_unanchored_regex_are_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM customers c WHERE [|c.name ILIKE '_ohn%'|];
            SELECT id FROM customers c JOIN notes n ON n.customer_id = c.id AND [|n.body ~ 'refund'|];
            """);

    [Test]
    public void Prefix_patterns_anchored_regex_negations_and_constraints_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM customers WHERE email LIKE 'john%';
            SELECT id FROM customers WHERE name ~ '^Jo';
            SELECT id FROM customers WHERE email NOT LIKE '%@example.com';
            ALTER TABLE customers ADD CONSTRAINT email_shape CHECK (email LIKE '%@%') NOT VALID;
            CREATE INDEX customers_example ON customers (id) WHERE email LIKE '%@example.com';
            """);

    [Test]
    public void A_trigram_index_on_the_column_silences_it() =>
        Verifier.Verify(
            """
            CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, name text NOT NULL);
            CREATE INDEX customers_email_trgm ON customers USING gin (email gin_trgm_ops);
            SELECT id FROM customers WHERE email LIKE '%@example.com';
            SELECT id FROM customers WHERE [|name LIKE '%son'|];
            """);
}
