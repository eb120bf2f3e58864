using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.DetachPartitionWithoutConcurrently>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class DetachPartitionWithoutConcurrentlyTests
{
    [Test]
    public void Detach_without_concurrently_is_reported_on_PostgreSQL_14() =>
        Verifier.Verify(
            "[|ALTER TABLE events DETACH PARTITION events_2023|];",
            new VerifyOptions
            {
                PostgresVersion = new PostgresVersion(14, 0),
                ExpectedMessages = ["Detaching events_2023 from events without CONCURRENTLY holds an ACCESS EXCLUSIVE lock on events that blocks every query on all its partitions."],
            });

    [Test]
    public void Before_PostgreSQL_14_there_is_no_concurrent_form_and_nothing_is_reported() =>
        Verifier.Verify("ALTER TABLE events DETACH PARTITION events_2023;", new VerifyOptions { PostgresVersion = new PostgresVersion(13, 0) });

    [Test]
    public void Concurrent_detach_and_finalize_are_not_reported() =>
        Verifier.Verify("ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY; ALTER TABLE events DETACH PARTITION events_2023 FINALIZE;");

    [Test]
    public void Detach_from_a_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
            CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
            ALTER TABLE events DETACH PARTITION events_2023;
            """);

    [Test]
    public void Fix_appends_concurrently_after_the_partition_name_and_is_unsafe()
    {
        Verifier.VerifyFix(
            "[|ALTER TABLE app.events DETACH PARTITION app.events_2023|];",
            "ALTER TABLE app.events DETACH PARTITION app.events_2023 CONCURRENTLY;");
        var fix = Verifier.Lint("ALTER TABLE app.events DETACH PARTITION app.events_2023;").Single().Fixes.Single();
        fix.Safety.Should().Be(FixSafety.Unsafe, "a default partition makes the concurrent form fail");
        fix.ValidInTransactionBlock.Should().BeFalse();
    }
}
