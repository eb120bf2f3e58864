using Npgsql;
using PgLint.Analysis;

namespace PgLint.Npgsql;

/// <summary>
/// Reads <see cref="DatabaseStatistics"/> from a live database: <c>pg_class</c> sizes,
/// <c>pg_stat_user_tables</c> and <c>pg_stat_user_indexes</c> activity, <c>pg_stats</c> widths and
/// distinct counts, <c>pg_sequences</c>, <c>pg_statio_user_tables</c>, <c>age(datfrozenxid)</c> and,
/// when the role may read it, <c>pg_hba_file_rules</c>; on request, <c>pg_stat_statements</c>.
/// Only reads: safe in a read-only transaction.
/// </summary>
public static class StatisticsLoader
{
    /// <summary>Reads the statistics of the database <paramref name="connection"/> is connected to.</summary>
    public static Task<DatabaseStatistics> LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default) =>
        LoadAsync(connection, readStatements: false, cancellationToken);

    /// <summary>
    /// Reads the statistics of the database <paramref name="connection"/> is connected to and, with
    /// <paramref name="readStatements"/>, its statements in <c>pg_stat_statements</c> when the extension
    /// is installed in it and loaded by the server (otherwise there are none).
    /// </summary>
    public static async Task<DatabaseStatistics> LoadAsync(NpgsqlConnection connection, bool readStatements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        (string Name, int Version, DateTimeOffset Now, DateTimeOffset? Reset, long Age) database = default;
        await ReadAsync(connection, StatisticsQueries.Database, r => database = (r.GetString(0), r.GetInt32(1), r.GetFieldValue<DateTimeOffset>(2), Nullable<DateTimeOffset>(r, 3), r.GetInt64(4)), cancellationToken).ConfigureAwait(false);

        CacheStatistics? cache = null;
        await ReadAsync(connection, StatisticsQueries.Cache, r => cache = new CacheStatistics(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), cancellationToken).ConfigureAwait(false);

        var tables = new List<TableStatistics>();
        await ReadAsync(connection, StatisticsQueries.Tables, r => tables.Add(new TableStatistics
        {
            Schema = r.GetString(0),
            Name = r.GetString(1),
            Rows = r.IsDBNull(2) ? null : r.GetDouble(2),
            Pages = r.GetInt64(3),
            TableBytes = r.GetInt64(4),
            TotalBytes = r.GetInt64(5),
            SequentialScans = Nullable<long>(r, 6),
            IndexScans = Nullable<long>(r, 7),
            LiveTuples = Nullable<long>(r, 8),
            DeadTuples = Nullable<long>(r, 9),
            LastVacuum = Nullable<DateTimeOffset>(r, 10),
            LastAutovacuum = Nullable<DateTimeOffset>(r, 11),
            LastAnalyze = Nullable<DateTimeOffset>(r, 12),
            AverageRowWidth = Nullable<int>(r, 13),
            FillFactor = r.GetInt32(14),
        }), cancellationToken).ConfigureAwait(false);

        var indexes = new List<IndexStatistics>();
        await ReadAsync(connection, StatisticsQueries.Indexes, r => indexes.Add(new IndexStatistics
        {
            Schema = r.GetString(0),
            Name = r.GetString(1),
            Table = r.GetString(2),
            Scans = Nullable<long>(r, 3),
            Bytes = r.GetInt64(4),
            LeadingColumnDistinct = Nullable<double>(r, 5),
        }), cancellationToken).ConfigureAwait(false);

        var sequences = new List<SequenceStatistics>();
        await ReadAsync(connection, StatisticsQueries.Sequences, r => sequences.Add(new SequenceStatistics
        {
            Schema = r.GetString(0),
            Name = r.GetString(1),
            DataType = r.GetString(2),
            LastValue = Nullable<long>(r, 3),
            MinValue = r.GetInt64(4),
            MaxValue = r.GetInt64(5),
            Increment = r.GetInt64(6),
            Cycles = r.GetBoolean(7),
            OwnedBy = r.IsDBNull(8) ? null : r.GetString(8),
            OwnedByType = r.IsDBNull(9) ? null : r.GetString(9),
        }), cancellationToken).ConfigureAwait(false);

        var hba = new List<HbaRule>();
        var canReadHba = false;
        await ReadAsync(connection, StatisticsQueries.CanReadHba, r => canReadHba = r.GetBoolean(0), cancellationToken).ConfigureAwait(false);
        if (canReadHba)
        {
            await ReadAsync(connection, StatisticsQueries.Hba, r => hba.Add(new HbaRule
            {
                LineNumber = r.GetInt32(0),
                Type = r.GetString(1),
                Databases = r.IsDBNull(2) ? [] : [.. r.GetFieldValue<string[]>(2)],
                Users = r.IsDBNull(3) ? [] : [.. r.GetFieldValue<string[]>(3)],
                Address = r.IsDBNull(4) ? null : r.GetString(4),
                Netmask = r.IsDBNull(5) ? null : r.GetString(5),
                AuthMethod = r.GetString(6),
            }), cancellationToken).ConfigureAwait(false);
        }

        var statements = new List<StatementStatistics>();
        var canReadStatements = false;
        if (readStatements)
        {
            await ReadAsync(connection, StatisticsQueries.StatStatementsAvailable, r => canReadStatements = r.GetBoolean(0), cancellationToken).ConfigureAwait(false);
        }

        if (canReadStatements)
        {
            await ReadAsync(connection, StatisticsQueries.Statements(database.Version), r => statements.Add(new StatementStatistics
            {
                QueryId = r.GetInt64(0),
                User = r.GetString(1),
                Calls = r.GetInt64(2),
                Rows = r.GetInt64(3),
                TotalMilliseconds = r.GetDouble(4),
                Query = r.GetString(5),
            }), cancellationToken).ConfigureAwait(false);
        }

        return new DatabaseStatistics
        {
            Database = database.Name,
            ServerVersionNumber = database.Version,
            CollectedAt = database.Now,
            StatisticsReset = database.Reset,
            FrozenXidAge = database.Age,
            Cache = cache,
            Tables = [.. tables],
            Indexes = [.. indexes],
            Sequences = [.. sequences],
            HbaRules = [.. hba],
            Statements = [.. statements],
        };
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal)
        where T : struct => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }
}
