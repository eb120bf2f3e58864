using FluentAssertions;
using Npgsql;
using NUnit.Framework;
using PgLint.Tests.Shared;

namespace PgLint.Npgsql.Tests;

public sealed class LiveDatabaseTests
{
    [Test]
    public async Task The_read_runs_in_a_read_only_transaction_and_leaves_nothing_behind()
    {
        using var database = TestPostgres.CreateDatabase("live");
        await using (var setup = database.Open())
        {
            await using var create = new NpgsqlCommand("CREATE TABLE orders (id bigint PRIMARY KEY); INSERT INTO orders VALUES (1);", setup);
            await create.ExecuteNonQueryAsync();
        }

        var snapshot = await LiveDatabase.ReadAsync(new NpgsqlConnectionStringBuilder(database.ConnectionString));

        snapshot.Database.Should().Be(database.Name);
        snapshot.Catalog.FindTable(new("public", "orders")).Should().NotBeNull();
        snapshot.Statistics.Tables.Should().ContainSingle(static t => t.Name == "orders").Which.TotalBytes.Should().BeGreaterThan(0);
        snapshot.Statistics.ServerVersionNumber.Should().BeInRange(150000, 159999);
        await using var check = database.Open();
        await using var sessions = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'pglint'", check);
        ((long)(await sessions.ExecuteScalarAsync())!).Should().Be(0, "pooling is off, so the session ends with the read");
    }

    [Test]
    public async Task A_table_locked_by_a_migration_makes_the_read_fail_after_lock_timeout_instead_of_waiting()
    {
        using var database = TestPostgres.CreateDatabase("locked");
        await using var migration = database.Open();
        await using (var create = new NpgsqlCommand("CREATE TABLE orders (id bigint PRIMARY KEY)", migration))
        {
            await create.ExecuteNonQueryAsync();
        }

        // pg_relation_size opens the table with ACCESS SHARE, which waits behind ACCESS EXCLUSIVE.
        await using var transaction = await migration.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE", migration, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var read = () => LiveDatabase.ReadAsync(
            new NpgsqlConnectionStringBuilder(database.ConnectionString),
            new LiveDatabaseOptions { LockTimeout = TimeSpan.FromMilliseconds(200), StatementTimeout = TimeSpan.FromSeconds(60) });

        (await read.Should().ThrowAsync<LiveDatabaseException>()).WithMessage($"reading 127.0.0.1:*/{database.Name} as *failed: canceling statement due to lock timeout");
        await transaction.RollbackAsync();
    }

    [Test]
    public async Task A_wrong_database_name_is_one_line_with_the_servers_reason()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = "pglint_no_such_database", Password = "Sup3r-s3cret-pw" };

        var read = () => LiveDatabase.ReadAsync(builder);

        var failure = (await read.Should().ThrowAsync<LiveDatabaseException>()).Which;
        failure.Message.Should().Be($"cannot connect to {builder.Host}:{builder.Port}: database \"pglint_no_such_database\" does not exist");
    }
}
