using PgLint.Rules.Tests.Live;
using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Health;

public sealed class XidWraparoundRiskTests
{
    [TestCase(1_500_000_000L, false)]
    [TestCase(1_500_000_001L, true)]
    public void An_age_above_one_and_a_half_billion_is_an_error(long age, bool reported)
    {
        var found = LiveLint.Run(new Catalog(), new DatabaseStatistics { Database = "app", FrozenXidAge = age }).Where(static d => d.Id == "PG9903").ToList();

        found.Should().HaveCount(reported ? 1 : 0);
        if (reported)
        {
            found[0].Location.Logical.Should().Be(new LogicalLocation("database", "app"));
            found[0].Severity.Should().Be(Severity.Error);
        }
    }

    [Test]
    public void The_servers_real_age_is_read_and_judged_against_the_configured_maximum()
    {
        using var database = TestPostgres.CreateDatabase("xid");

        LiveLint.Run(database).Should().NotContain(static d => d.Id == "PG9903");
        LiveLint.Run(database, """{ "PG9903": { "maximumAge": 0 } }""").Where(static d => d.Id == "PG9903")
            .Select(static d => d.Location.Logical).Should().Equal(new LogicalLocation("database", database.Name));
    }
}
