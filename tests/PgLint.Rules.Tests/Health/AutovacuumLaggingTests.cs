using PgLint.Rules.Tests.Live;
using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Health;

public sealed class AutovacuumLaggingTests
{
    [Test]
    public void Dead_rows_of_a_table_never_vacuumed_are_reported_and_vacuumed_or_few_are_not()
    {
        using var database = TestPostgres.CreateDatabase("autovacuum");
        LiveLint.Seed(database, """
            CREATE TABLE events (id bigint PRIMARY KEY) WITH (autovacuum_enabled = false);
            INSERT INTO events SELECT g FROM generate_series(1, 20000) g;
            DELETE FROM events;
            CREATE TABLE cleaned (id bigint PRIMARY KEY) WITH (autovacuum_enabled = false);
            INSERT INTO cleaned SELECT g FROM generate_series(1, 20000) g;
            DELETE FROM cleaned;
            VACUUM cleaned;
            CREATE TABLE few (id bigint PRIMARY KEY) WITH (autovacuum_enabled = false);
            INSERT INTO few SELECT g FROM generate_series(1, 5000) g;
            DELETE FROM few;
            """).Should().BeEmpty();

        var found = LiveLint.Run(database).Where(static d => d.Id == "PG9905").ToList();

        found.Select(static d => d.Location.Logical).Should().Equal(new LogicalLocation("table", "public.events"));
        found[0].Message.Should().Be("Table public.events has 20,000 dead rows (100% of its rows) and has never been vacuumed; they bloat the table and its indexes until VACUUM removes them.");
    }

    [TestCase(23, false)]
    [TestCase(25, true)]
    public void A_vacuum_within_a_day_counts_as_keeping_up(int hoursAgo, bool reported)
    {
        var now = new DateTimeOffset(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);
        var statistics = new DatabaseStatistics
        {
            CollectedAt = now,
            Tables = [new TableStatistics { Schema = "public", Name = "t", LiveTuples = 50_000, DeadTuples = 50_000, LastAutovacuum = now.AddHours(-hoursAgo) }],
        };

        LiveLint.Run(new Catalog(), statistics).Any(static d => d.Id == "PG9905").Should().Be(reported);
    }
}
