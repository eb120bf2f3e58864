using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.NonSargablePredicate>;

namespace PgLint.Rules.Tests.Performance;

public sealed class NonSargablePredicateTests
{
    [Test]
    public void Function_on_a_column_is_reported() =>
        Verifier.Verify(
            "SELECT id FROM users WHERE [|lower(email)|] = $1;",
            new VerifyOptions { ExpectedMessages = ["lower(email) computes a value from column email for every row, so an index on email cannot serve this condition; compare the bare column with a transformed value, or create an index on the expression."] });

    [Test]
    public void Casts_arithmetic_and_coalesce_are_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM orders o WHERE [|o.created_at::date|] = '2024-01-01' AND [|amount * 2|] > 100;
            SELECT id FROM orders WHERE [|coalesce(discount, 0)|] = 0;
            SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id AND [|(c.created_at)::timestamp with time zone|] > now();
            """);

    [Test]
    public void Bare_columns_joins_and_aggregates_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM orders WHERE created_at >= $1::date AND created_at < $1::date + 1;
            SELECT id FROM orders WHERE created_at > now() - interval '1 day';
            SELECT o.id FROM orders o JOIN customers c ON lower(c.email) = lower(o.email);
            SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) > 1;
            SELECT id FROM events WHERE payload ->> 'kind' = 'click';
            ALTER TABLE users ADD CONSTRAINT email_lower CHECK (lower(email) = email) NOT VALID;
            """);

    [Test]
    public void A_matching_expression_index_silences_it() =>
        Verifier.Verify(
            """
            CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text NOT NULL);
            CREATE UNIQUE INDEX users_email_lower ON users (lower(email));
            SELECT id FROM users u WHERE lower(u.email) = $1;
            SELECT id FROM users WHERE [|upper(name)|] = $1;
            """);
}
