using System.Collections.Immutable;
using PgLint.Rules.Tests.Live;
using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Indexes;

public sealed class InvalidIndexTests
{
    private TestDatabase _database = null!;
    private ImmutableArray<Diagnostic> _diagnostics;

    [OneTimeSetUp]
    public void Seed()
    {
        _database = TestPostgres.CreateDatabase("invalid");
        var errors = LiveLint.Seed(_database, """
            CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, login text NOT NULL);
            INSERT INTO users VALUES (1, 'a@example.com', 'a'), (2, 'a@example.com', 'b');
            CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
            CREATE UNIQUE INDEX CONCURRENTLY users_login_key ON users (login);
            """);
        errors.Should().ContainSingle().Which.Should().StartWith("could not create unique index \"users_email_key\"");
        _diagnostics = LiveLint.Run(_database);
    }

    [OneTimeTearDown]
    public void Drop() => _database.Dispose();

    [Test]
    public void Index_left_by_a_failed_concurrent_build_is_reported_once_at_its_name()
    {
        var found = _diagnostics.Where(static d => d.Id == "PG4007").ToList();
        found.Select(static d => d.Location.Logical).Should().Equal(new LogicalLocation("index", "public.users_email_key"));
        found[0].Message.Should().Be("Index users_email_key on public.users is INVALID (left by a failed concurrent build): queries cannot use it, and its name keeps CREATE INDEX IF NOT EXISTS from building it again.");
    }

    [Test]
    public void Invalid_index_is_not_also_reported_as_unused() =>
        _diagnostics.Should().NotContain(static d => d.Id == "PG4006");

    [Test]
    public void Migrations_never_leave_an_invalid_index() =>
        PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Indexes.InvalidIndex>.Verify("""
            CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
            CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
            """);
}
