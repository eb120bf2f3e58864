using System.Collections.Immutable;
using PgLint.Rules.Tests.Live;
using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Indexes;

public sealed class IndexOnLowCardinalityTests
{
    private TestDatabase _database = null!;
    private ImmutableArray<Diagnostic> _diagnostics;

    [OneTimeSetUp]
    public void Seed()
    {
        _database = TestPostgres.CreateDatabase("lowcard");
        LiveLint.Seed(_database, """
            CREATE TABLE accounts (id bigint PRIMARY KEY, active boolean NOT NULL, region int NOT NULL, email text NOT NULL);
            INSERT INTO accounts SELECT g, g % 2 = 0, g % 6, 'user' || g FROM generate_series(1, 20000) g;
            CREATE INDEX accounts_active_idx ON accounts (active);
            CREATE INDEX accounts_region_idx ON accounts (region);
            CREATE INDEX accounts_inactive_idx ON accounts (active) WHERE NOT active;
            CREATE INDEX accounts_email_idx ON accounts (email);
            CREATE TABLE flags (id bigint PRIMARY KEY, on_off boolean NOT NULL);
            INSERT INTO flags SELECT g, g % 2 = 0 FROM generate_series(1, 500) g;
            CREATE INDEX flags_on_off_idx ON flags (on_off);
            ANALYZE;
            """).Should().BeEmpty();
        _diagnostics = LiveLint.Run(_database);
    }

    [OneTimeTearDown]
    public void Drop() => _database.Dispose();

    [Test]
    public void Boolean_column_of_a_large_table_is_reported_once_at_the_index()
    {
        var found = _diagnostics.Where(static d => d.Id == "PG4009").ToList();
        found.Select(static d => d.Location.Logical!.FullyQualifiedName).Should().Equal("public.accounts_active_idx");
        found[0].Message.Should().Be("Index accounts_active_idx on public.accounts (active) covers a column with about 2 distinct values in 20000 rows; the planner will rarely use it, but every write maintains it.");
    }

    [Test]
    public void Six_distinct_values_are_above_the_default_maximum_of_five() =>
        _diagnostics.Should().NotContain(static d => d.Id == "PG4009" && d.Location.Logical!.FullyQualifiedName == "public.accounts_region_idx");

    [Test]
    public void Six_distinct_values_are_reported_when_the_maximum_is_raised_to_six() =>
        LiveLint.Run(_database, """{ "PG4009": { "maximumDistinctValues": 6 } }""")
            .Where(static d => d.Id == "PG4009").Select(static d => d.Location.Logical!.FullyQualifiedName)
            .Should().BeEquivalentTo("public.accounts_active_idx", "public.accounts_region_idx");

    [Test]
    public void Partial_index_and_small_table_are_not_reported() =>
        _diagnostics.Where(static d => d.Id == "PG4009").Should().NotContain(static d =>
            d.Location.Logical!.FullyQualifiedName == "public.accounts_inactive_idx" || d.Location.Logical!.FullyQualifiedName == "public.flags_on_off_idx");
}
