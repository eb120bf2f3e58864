using System.Collections.Immutable;
using System.Text.Json;
using Npgsql;
using PgLint.Npgsql;
using PgLint.Syntax;
using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Live;

/// <summary>Runs SQL on a scratch database of the test server, then lints the database as <c>pglint db</c> does.</summary>
internal static class LiveLint
{
    /// <summary>
    /// Runs each statement of <paramref name="sql"/> in its own autocommit command on one session (so
    /// <c>CREATE INDEX CONCURRENTLY</c> can run and <c>SET</c> lasts), and publishes the session's
    /// statistics after each one, as if each ran in a session of its own: otherwise a <c>DELETE</c>'s
    /// dead-row count, held back for up to a second, can land after a later <c>VACUUM</c> reset it.
    /// Returns the server's errors, one per failed statement.
    /// </summary>
    public static List<string> Seed(TestDatabase database, string sql)
    {
        var errors = new List<string>();
        using var connection = database.Open();
        foreach (var statement in SqlParser.Parse(SourceText.From(sql, "seed.sql")).Statements.Where(static s => s.Kind == StatementKind.Sql))
        {
            using var command = new NpgsqlCommand(statement.Text, connection);
            try
            {
                command.ExecuteNonQuery();
            }
            catch (PostgresException ex)
            {
                errors.Add(ex.MessageText);
            }

            // pg_stat_force_next_flush (PostgreSQL 15) makes the backend publish its counters when it next goes idle.
            using var flush = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection);
            flush.ExecuteNonQuery();
        }

        using (var ping = new NpgsqlCommand("SELECT 1", connection))
        {
            ping.ExecuteNonQuery();
        }

        return errors;
    }

    /// <summary>Reads the database and runs every built-in rule at default settings (plus <paramref name="ruleOptionsJson"/>).</summary>
    public static ImmutableArray<Diagnostic> Run(TestDatabase database, string? ruleOptionsJson = null)
    {
        var snapshot = LiveDatabase.ReadAsync(new NpgsqlConnectionStringBuilder(database.ConnectionString)).GetAwaiter().GetResult();
        return Run(snapshot.Catalog, snapshot.Statistics, ruleOptionsJson);
    }

    /// <summary>
    /// Reads the database with its <c>pg_stat_statements</c> statements and runs every built-in rule,
    /// the off-by-default <paramref name="enabled"/> ones included, as <c>pglint db --enable</c> does.
    /// </summary>
    public static ImmutableArray<Diagnostic> RunWithStatements(TestDatabase database, IEnumerable<string> enabled, string? ruleOptionsJson = null)
    {
        var snapshot = LiveDatabase.ReadAsync(new NpgsqlConnectionStringBuilder(database.ConnectionString), new LiveDatabaseOptions { ReadStatements = true }).GetAwaiter().GetResult();
        return Run(snapshot.Catalog, snapshot.Statistics, ruleOptionsJson, enabled);
    }

    /// <summary>Runs every built-in rule over a catalog and statistics, as a run over a live database.</summary>
    public static ImmutableArray<Diagnostic> Run(Catalog catalog, DatabaseStatistics statistics, string? ruleOptionsJson = null, IEnumerable<string>? enabled = null)
    {
        var registry = new RuleRegistry(BuiltInRules.CreateAnalyzers());
        RuleOptions? options = null;
        if (ruleOptionsJson is not null)
        {
            using var json = JsonDocument.Parse(ruleOptionsJson);
            options = RuleOptions.FromJson(json.RootElement, registry, "test");
        }

        var directives = (enabled ?? []).Select(static id => new RuleDirective(id, "on", "test"));
        var engine = new LintEngine(new LintSettings(registry, directives, ruleOptions: options));
        return engine.RunDatabase(new DatabaseInput(statistics.Database ?? "test", catalog, statistics)).Diagnostics;
    }

    /// <summary>Findings as <c>ID kind name</c>, without the server's authentication lines (PG9906, which depend on the cluster).</summary>
    public static List<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(static d => d.Id != "PG9906").Select(static d => $"{d.Id} {d.Location.Logical?.Kind} {d.Location.Logical?.FullyQualifiedName}").Order(StringComparer.Ordinal)];
}
