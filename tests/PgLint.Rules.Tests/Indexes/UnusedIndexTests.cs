using System.Collections.Immutable;
using PgLint.Rules.Tests.Live;
using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Indexes;

public sealed class UnusedIndexTests
{
    private TestDatabase _database = null!;
    private ImmutableArray<Diagnostic> _diagnostics;

    [OneTimeSetUp]
    public void Seed()
    {
        _database = TestPostgres.CreateDatabase("unused");
        LiveLint.Seed(_database, """
            CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, code text NOT NULL, note text);
            CREATE INDEX orders_status_idx ON orders (status);
            CREATE INDEX orders_note_idx ON orders (note);
            CREATE UNIQUE INDEX orders_code_key ON orders (code);
            SET enable_seqscan = off;
            SELECT count(*) FROM orders WHERE note = 'x';
            """).Should().BeEmpty();
        _diagnostics = LiveLint.Run(_database);
    }

    [OneTimeTearDown]
    public void Drop() => _database.Dispose();

    [Test]
    public void Never_scanned_index_is_reported_once_at_its_name()
    {
        var found = _diagnostics.Where(static d => d.Id == "PG4006").ToList();
        found.Select(static d => d.Location.Logical).Should().Equal(new LogicalLocation("index", "public.orders_status_idx"));
        found[0].Message.Should().StartWith("Index orders_status_idx on public.orders (").And.Contain("has not been scanned since the database's statistics began");
        found[0].Severity.Should().Be(Severity.Info);
    }

    [Test]
    public void Scanned_index_is_not_reported() =>
        _diagnostics.Should().NotContain(static d => d.Location.Logical!.FullyQualifiedName == "public.orders_note_idx");

    [Test]
    public void Unique_and_primary_key_indexes_are_not_reported_even_when_never_scanned() =>
        _diagnostics.Where(static d => d.Id == "PG4006").Should().NotContain(static d => d.Location.Logical!.FullyQualifiedName.EndsWith("_key", StringComparison.Ordinal) || d.Location.Logical!.FullyQualifiedName.EndsWith("_pkey", StringComparison.Ordinal));

    [Test]
    public void Without_statistics_for_the_index_nothing_is_reported()
    {
        var snapshot = PgLint.Npgsql.LiveDatabase.ReadAsync(new global::Npgsql.NpgsqlConnectionStringBuilder(_database.ConnectionString)).GetAwaiter().GetResult();
        var withoutIndexes = new DatabaseStatistics { Database = "x", Tables = snapshot.Statistics.Tables };

        LiveLint.Run(snapshot.Catalog, withoutIndexes).Should().NotContain(static d => d.Id == "PG4006");
    }
}
