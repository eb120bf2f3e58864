using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Npgsql;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Npgsql;

/// <summary>
/// The workload side of a live database: the statements with the most total execution time in
/// <c>pg_stat_statements</c>, as one SQL text that can be linted and planned like a file.
/// </summary>
public static class StatStatements
{
    /// <summary>The path reported for the statements' text.</summary>
    public const string Path = "pg_stat_statements.sql";

    /// <summary>
    /// The <paramref name="count"/> queries (SELECT, INSERT, UPDATE, DELETE, MERGE) of the current
    /// database with the most total time, each preceded by a comment with its statistics; their
    /// constants are the normalized <c>$n</c> parameters, so they get generic plans.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="count">How many queries.</param>
    /// <param name="skipReason">Why there is no workload (the extension is missing or not loaded), or null.</param>
    /// <returns>One text with the queries, or none.</returns>
    public static ImmutableArray<SourceText> Top(NpgsqlConnection connection, int count, out string? skipReason)
    {
        ArgumentNullException.ThrowIfNull(connection);
        skipReason = Unavailable(connection);
        if (skipReason is not null)
        {
            return [];
        }

        var text = new StringBuilder();
        var taken = 0;
        using (var command = new NpgsqlCommand(
            """
            SELECT s.queryid, s.calls, s.total_exec_time, s.query
            FROM pg_stat_statements s
            WHERE s.dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
            ORDER BY s.total_exec_time DESC
            """,
            connection))
        using (var reader = command.ExecuteReader())
        {
            while (taken < count && reader.Read())
            {
                var query = reader.GetString(3).Trim().TrimEnd(';').Trim();

                // Utility statements are tracked too (track_utility); only queries have plans.
                var parsed = SqlParser.ParseText(query, out _);
                if (parsed is not { Stmts.Count: 1 } || !ExplainRunner.IsQuery(parsed.Stmts[0].Stmt) || ReadsOnlySystemCatalogs(parsed.Stmts[0].Stmt))
                {
                    continue;
                }

                text.Append(CultureInfo.InvariantCulture, $"-- queryid {reader.GetInt64(0)}: {reader.GetInt64(1)} calls, {reader.GetDouble(2):0.###} ms in total\n");
                text.Append(query).Append(";\n\n");
                taken++;
            }
        }

        return taken == 0 ? [] : [SourceText.From(text.ToString(), Path)];
    }

    /// <summary>
    /// Whether every relation the statement reads is a system catalog or view (<c>pg_catalog</c>,
    /// <c>information_schema</c>, or an unqualified <c>pg_*</c> name, which <c>pg_catalog</c> resolves
    /// first): monitoring queries, PgLint's own catalog reads among them, are not the workload.
    /// </summary>
    internal static bool ReadsOnlySystemCatalogs(Node statement)
    {
        var nodes = statement.DescendantsAndSelf().Select(static d => d.Node).ToList();
        var commonTables = nodes.OfType<CommonTableExpr>().Select(static c => c.Ctename).ToHashSet(StringComparer.Ordinal);
        var relations = nodes.OfType<RangeVar>().Where(r => r.Schemaname.Length > 0 || !commonTables.Contains(r.Relname)).ToList();
        return relations.Count > 0 && relations.TrueForAll(static r =>
            r.Schemaname is "pg_catalog" or "information_schema"
            || (r.Schemaname.Length == 0 && r.Relname.StartsWith("pg_", StringComparison.Ordinal)));
    }

    private static string? Unavailable(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(
            """
            SELECT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'pg_stat_statements'),
                   pg_catalog.current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'
            """,
            connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetBoolean(0), reader.GetBoolean(1)) switch
        {
            (true, true) => null,
            (false, _) => $"the pg_stat_statements extension is not installed in database \"{connection.Database}\" (CREATE EXTENSION pg_stat_statements)",
            _ => "pg_stat_statements is not in shared_preload_libraries, so it records nothing",
        };
    }
}
