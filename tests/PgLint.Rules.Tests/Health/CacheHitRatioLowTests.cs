using PgLint.Rules.Tests.Live;

namespace PgLint.Rules.Tests.Health;

public sealed class CacheHitRatioLowTests
{
    private static List<Diagnostic> Lint(CacheStatistics cache, string? options = null) =>
        [.. LiveLint.Run(new Catalog(), new DatabaseStatistics { Database = "app", Cache = cache }, options).Where(static d => d.Id == "PG9904")];

    [Test]
    public void Table_hits_below_95_percent_are_reported_at_the_database()
    {
        var found = Lint(new CacheStatistics(HeapBlocksHit: 940_000, HeapBlocksRead: 60_000, IndexBlocksHit: 2_000_000, IndexBlocksRead: 0));

        found.Should().ContainSingle();
        found[0].Location.Logical.Should().Be(new LogicalLocation("database", "app"));
        found[0].Message.Should().Be("Database app: the table cache hit ratio is 94% over 1,000,000 block accesses (below 95%); queries wait on reads that the cache should serve.");
    }

    [Test]
    public void Index_hits_of_exactly_99_percent_are_enough_and_below_are_not() =>
        Lint(new CacheStatistics(2_000_000, 0, 990_000, 10_000)).Should().BeEmpty();

    [Test]
    public void Index_hits_below_99_percent_are_reported() =>
        Lint(new CacheStatistics(2_000_000, 0, 989_000, 11_000)).Should().ContainSingle().Which.Message.Should().Contain("the index cache hit ratio is 98.9%");

    [Test]
    public void A_database_with_too_little_traffic_is_not_judged()
    {
        Lint(new CacheStatistics(500, 500, 500, 500)).Should().BeEmpty();
        Lint(new CacheStatistics(500, 500, 500, 500), """{ "PG9904": { "minimumBlockAccesses": 1000 } }""").Should().HaveCount(2);
    }
}
