using System.Collections.Immutable;
using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Indexes.MissingIndexForPredicate>;

namespace PgLint.Rules.Tests.Indexes;

public sealed class MissingIndexForPredicateTests
{
    private const string Schema = """
        CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, country text);
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL);
        CREATE INDEX orders_created_at_idx ON orders (created_at);
        """;

    private static VerifyOptions After(DatabaseStatistics? statistics = null) => new() { PrecedingFiles = [Schema], Statistics = statistics, Profile = Profiles.Queries };

    [Test]
    public void Filter_on_an_unindexed_column_is_reported() =>
        Verifier.Verify(
            "SELECT id FROM [|customers|] WHERE email = 'a@example.com';",
            new VerifyOptions
            {
                PrecedingFiles = [Schema],
                Profile = Profiles.Queries,
                ExpectedMessages = ["The query filters public.customers on email, but no index of public.customers starts with email, so PostgreSQL reads the whole table to find the rows; create an index on (email)."],
            });

    [Test]
    public void Join_column_without_an_index_is_reported() =>
        Verifier.Verify("SELECT c.email FROM customers c JOIN [|orders|] o ON o.customer_id = c.id WHERE o.status = 'open';", After());

    [Test]
    public void One_indexed_column_is_enough() =>
        Verifier.Verify("SELECT id FROM orders WHERE status = 'open' AND created_at > now() - interval '1 day';", After());

    [Test]
    public void Primary_key_lookups_are_not_reported() =>
        Verifier.Verify("UPDATE customers SET country = 'NZ' WHERE id = 42;", After());

    [Test]
    public void Conditions_under_or_and_on_expressions_are_not_reported() =>
        Verifier.Verify("SELECT id FROM customers WHERE lower(email) = 'a@example.com' OR country = 'NZ';", After());

    [Test]
    public void Query_inside_a_function_body_is_reported_in_a_migration() =>
        Verifier.Verify(
            """
            CREATE FUNCTION customer_by_email(p_email text) RETURNS bigint LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
                SELECT id FROM [|customers|] WHERE email = p_email;
            $$;
            """,
            new VerifyOptions { PrecedingFiles = [Schema] });

    [Test]
    public void Statements_a_migration_runs_once_are_not_reported() =>
        Verifier.Verify(
            """
            UPDATE customers SET country = 'NZ' WHERE email = 'a@example.com';
            DO $$ BEGIN DELETE FROM customers WHERE email = 'b@example.com'; END $$;
            """,
            new VerifyOptions { PrecedingFiles = [Schema] });

    [Test]
    public void With_statistics_small_tables_are_not_reported() =>
        Verifier.Verify("DELETE FROM customers WHERE email = 'a@example.com';", After(Stats(500)));

    [Test]
    public void With_statistics_large_tables_are_reported() =>
        Verifier.Verify("DELETE FROM [|customers|] WHERE email = 'a@example.com';", After(Stats(2_000_000)));

    [Test]
    public void Backfill_of_a_table_created_in_the_same_file_is_not_reported_in_a_migration() =>
        Verifier.Verify(
            """
            CREATE TABLE tags (id bigint PRIMARY KEY, name text NOT NULL);
            UPDATE tags SET name = lower(name) WHERE name <> lower(name);
            """);

    [Test]
    public void Function_over_a_table_created_in_the_same_file_is_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE tags (id bigint PRIMARY KEY, name text NOT NULL);
            CREATE FUNCTION tag_id(p_name text) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT id FROM [|tags|] WHERE name = p_name $$;
            """);

    private static DatabaseStatistics Stats(double rows) => new()
    {
        Tables = ImmutableArray.Create(new TableStatistics { Schema = "public", Name = "customers", Rows = rows }),
    };
}
