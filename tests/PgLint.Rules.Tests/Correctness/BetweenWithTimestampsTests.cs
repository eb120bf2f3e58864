using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.BetweenWithTimestamps>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class BetweenWithTimestampsTests
{
    [Test]
    public void Between_on_a_timestamp_column_from_the_catalog_is_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz NOT NULL);
            SELECT id FROM orders WHERE [|created_at BETWEEN '2024-01-01' AND '2024-01-31'|];
            """,
            new VerifyOptions { ExpectedMessages = ["BETWEEN on the timestamp created_at includes its upper bound: a date-only bound stops at midnight and misses the rest of that day, and adjacent ranges count a row at the bound twice; use created_at >= lower AND created_at < upper."] });

    [Test]
    public void Between_with_timestamp_bounds_is_reported_without_a_catalog() =>
        Verifier.Verify("SELECT id FROM events e WHERE [|e.happened_at BETWEEN timestamptz '2024-01-01' AND '2024-02-01'::timestamptz|];");

    [Test]
    public void Dates_numbers_and_half_open_ranges_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, due_on date NOT NULL);
            SELECT id FROM orders WHERE due_on BETWEEN '2024-01-01' AND '2024-01-31';
            SELECT id FROM orders WHERE id BETWEEN 10 AND 20;
            SELECT id FROM orders WHERE created_at >= '2024-01-01' AND created_at < '2024-02-01';
            SELECT id FROM unknown_table WHERE happened BETWEEN '2024-01-01' AND '2024-01-31';
            """);
}
