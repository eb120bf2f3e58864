using Npgsql;
using PgLint.Analysis;
using PgLint.Syntax;
using PgLint.Tests.Shared;

namespace PgLint.Npgsql.Tests;

/// <summary>Runs migration files in a fresh database (<c>pglint_cmp_…</c>), loads its catalog, and drops it again, also on failure.</summary>
internal static class ScratchDatabase
{
    public static async Task<Catalog> LoadAfterAsync(IEnumerable<string> files)
    {
        var database = "pglint_cmp_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(TestPostgres.ConnectionString))
        {
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = database, Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            foreach (var text in files)
            {
                await ApplyAsync(connection, text);
            }

            return await CatalogLoader.LoadAsync(connection);
        }
        finally
        {
            await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    /// <summary>The catalog PgLint replays from the same files.</summary>
    public static Catalog Replay(string name, IEnumerable<string> files)
    {
        var sources = files.Select(static (text, i) => SourceText.From(text, $"{i:D4}.sql")).ToList();
        var engine = new LintEngine(new LintSettings(new RuleRegistry([])));
        return engine.Run([new MigrationSetInput(name, sources)]).Catalogs.Single().Catalog;
    }

    /// <summary>Runs a file in a transaction, as the migration runners do, or statement by statement when it builds indexes concurrently.</summary>
    private static async Task ApplyAsync(NpgsqlConnection connection, string text)
    {
        if (text.Contains("CONCURRENTLY", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var statement in SqlParser.Parse(SourceText.From(text)).Statements.Where(static s => s.IsParsed))
            {
                await ExecuteAsync(connection, statement.Text);
            }

            return;
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(text, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
