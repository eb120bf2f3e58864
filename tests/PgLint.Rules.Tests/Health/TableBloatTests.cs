using PgLint.Rules.Tests.Live;
using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Health;

public sealed class TableBloatTests
{
    [Test]
    public void Table_with_nine_rows_in_ten_deleted_is_reported_and_a_packed_one_is_not()
    {
        // The packed table is written with only the rows it keeps: a VACUUM FULL would keep dead rows
        // that another session's snapshot can still see, which makes the test depend on other tests.
        using var database = TestPostgres.CreateDatabase("bloat");
        LiveLint.Seed(database, """
            CREATE TABLE events (id bigint PRIMARY KEY, payload text NOT NULL) WITH (autovacuum_enabled = false);
            INSERT INTO events SELECT g, repeat('x', 100) FROM generate_series(1, 50000) g;
            DELETE FROM events WHERE id % 10 <> 0;
            CREATE TABLE compacted (id bigint PRIMARY KEY, payload text NOT NULL) WITH (autovacuum_enabled = false);
            INSERT INTO compacted SELECT g, repeat('x', 100) FROM generate_series(1, 50000) g WHERE g % 10 = 0;
            CREATE TABLE small (id bigint PRIMARY KEY, payload text NOT NULL) WITH (autovacuum_enabled = false);
            INSERT INTO small SELECT g, repeat('x', 100) FROM generate_series(1, 500) g;
            DELETE FROM small WHERE id % 10 <> 0;
            ANALYZE;
            """).Should().BeEmpty();

        var found = LiveLint.Run(database).Where(static d => d.Id == "PG9902").ToList();

        found.Select(static d => d.Location.Logical).Should().Equal(new LogicalLocation("table", "public.events"));
        found[0].Message.Should().MatchRegex(@"^Table public\.events is about (8[5-9]|9\d)% empty space \(\d+ kB of \d+ kB would hold its 5000 rows\)");
    }

    [TestCase(1250, false)]
    [TestCase(1251, true)]
    public void Twenty_percent_is_the_default_threshold(int pages, bool reported)
    {
        // 24-byte header + 100 bytes aligned to 128, plus a 4-byte line pointer: 61 rows per 8 kB page, so 61000 rows need 1000 pages.
        var statistics = new DatabaseStatistics
        {
            Database = "app",
            Tables = [new TableStatistics { Schema = "public", Name = "t", Rows = 61000, AverageRowWidth = 100, TableBytes = pages * 8192L, Pages = pages }],
        };

        LiveLint.Run(new Catalog(), statistics).Any(static d => d.Id == "PG9902").Should().Be(reported);
    }

    [Test]
    public void A_table_never_analysed_is_not_estimated() =>
        LiveLint.Run(new Catalog(), new DatabaseStatistics
        {
            Tables = [new TableStatistics { Schema = "public", Name = "t", Rows = 10, TableBytes = 10_000 * 8192L }],
        }).Should().NotContain(static d => d.Id == "PG9902");
}
