using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PgLint.Analysis;

/// <summary>
/// What a live database says about its data: table and index sizes and activity (<c>pg_class</c>,
/// <c>pg_stat_user_tables</c>, <c>pg_stat_user_indexes</c>), column statistics (<c>pg_stats</c>),
/// sequences, buffer cache use, transaction ID age and authentication rules. <c>pglint db</c>
/// reads it from the server; <c>pglint db --export-stats FILE</c> writes it as JSON and
/// <c>pglint check --stats FILE</c> reads it back, so rules can weigh a finding by table size
/// without credentials. Everything is optional: a value the server did not give is null.
/// </summary>
public sealed class DatabaseStatistics
{
    /// <summary>The version of the JSON file format this class writes.</summary>
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The file format version (<see cref="CurrentFormatVersion"/>).</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The database's name.</summary>
    public string? Database { get; init; }

    /// <summary>The server's <c>server_version_num</c>, e.g. 150004.</summary>
    public int? ServerVersionNumber { get; init; }

    /// <summary>When the statistics were read.</summary>
    public DateTimeOffset? CollectedAt { get; init; }

    /// <summary>When the database's statistics were last reset (<c>pg_stat_database.stats_reset</c>), null when never.</summary>
    public DateTimeOffset? StatisticsReset { get; init; }

    /// <summary><c>age(datfrozenxid)</c> of the database: transactions since its oldest unfrozen row.</summary>
    public long? FrozenXidAge { get; init; }

    /// <summary>Buffer cache hits and reads of the database's user tables and indexes (<c>pg_statio_user_tables</c>).</summary>
    public CacheStatistics? Cache { get; init; }

    /// <summary>Tables, materialized views and partitions.</summary>
    public ImmutableArray<TableStatistics> Tables { get; init; } = [];

    /// <summary>Indexes.</summary>
    public ImmutableArray<IndexStatistics> Indexes { get; init; } = [];

    /// <summary>Sequences, identity and serial ones included.</summary>
    public ImmutableArray<SequenceStatistics> Sequences { get; init; } = [];

    /// <summary>The server's <c>pg_hba.conf</c> as <c>pg_hba_file_rules</c> shows it; empty when it could not be read.</summary>
    public ImmutableArray<HbaRule> HbaRules { get; init; } = [];

    /// <summary>
    /// The database's statements as <c>pg_stat_statements</c> counts them, read only when a rule
    /// needs them and the extension is installed and loaded. Never written to the statistics file:
    /// query texts stay on the server.
    /// </summary>
    [JsonIgnore]
    public ImmutableArray<StatementStatistics> Statements { get; init; } = [];

    /// <summary>
    /// The table's statistics: by exact schema when <paramref name="name"/> has one, otherwise in
    /// <c>public</c>, otherwise the only table of that name in any schema.
    /// </summary>
    public TableStatistics? FindTable(QualifiedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Find(Tables, name, static t => t.Schema, static t => t.Name);
    }

    /// <summary>The index's statistics, found as <see cref="FindTable"/> finds a table.</summary>
    public IndexStatistics? FindIndex(QualifiedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Find(Indexes, name, static i => i.Schema, static i => i.Name);
    }

    /// <summary>The sequence's statistics, found as <see cref="FindTable"/> finds a table.</summary>
    public SequenceStatistics? FindSequence(QualifiedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Find(Sequences, name, static s => s.Schema, static s => s.Name);
    }

    /// <summary>The statistics as the documented JSON file (<c>docs/statistics.md</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions).ReplaceLineEndings("\n") + "\n";

    /// <summary>Reads a statistics file written by <see cref="ToJson"/>.</summary>
    /// <exception cref="ConfigurationException">The file is missing, not JSON, or of an unknown format version.</exception>
    public static DatabaseStatistics Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"--stats: cannot read '{path}': {ex.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses the JSON of a statistics file; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ConfigurationException">Not JSON, or of an unknown format version.</exception>
    public static DatabaseStatistics Parse(string json, string source)
    {
        DatabaseStatistics? statistics;
        try
        {
            statistics = JsonSerializer.Deserialize<DatabaseStatistics>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"--stats: '{source}' is not a statistics file: {ex.Message}");
        }

        if (statistics is null)
        {
            throw new ConfigurationException($"--stats: '{source}' is empty.");
        }

        return statistics.FormatVersion == CurrentFormatVersion
            ? statistics
            : throw new ConfigurationException($"--stats: '{source}' has formatVersion {statistics.FormatVersion}; this pglint reads version {CurrentFormatVersion}.");
    }

    private static T? Find<T>(ImmutableArray<T> items, QualifiedName name, Func<T, string> schema, Func<T, string> objectName)
        where T : class
    {
        if (name.Schema is { } given)
        {
            return items.FirstOrDefault(i => schema(i) == given && objectName(i) == name.Name);
        }

        var matches = items.Where(i => objectName(i) == name.Name).Take(2).ToList();
        return items.FirstOrDefault(i => schema(i) == "public" && objectName(i) == name.Name)
            ?? (matches.Count == 1 ? matches[0] : null);
    }
}

/// <summary>Buffer cache activity: blocks found in shared buffers (hits) and blocks read from the kernel or disk.</summary>
/// <param name="HeapBlocksHit">Table blocks found in the cache.</param>
/// <param name="HeapBlocksRead">Table blocks read.</param>
/// <param name="IndexBlocksHit">Index blocks found in the cache.</param>
/// <param name="IndexBlocksRead">Index blocks read.</param>
public sealed record CacheStatistics(long HeapBlocksHit, long HeapBlocksRead, long IndexBlocksHit, long IndexBlocksRead);

/// <summary>One table's size and activity.</summary>
public sealed record TableStatistics
{
    /// <summary>The schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The table's name.</summary>
    public required string Name { get; init; }

    /// <summary>The estimated number of rows (<c>pg_class.reltuples</c>); null when never vacuumed or analysed.</summary>
    public double? Rows { get; init; }

    /// <summary>Pages as of the last <c>VACUUM</c> or <c>ANALYZE</c> (<c>pg_class.relpages</c>).</summary>
    public long Pages { get; init; }

    /// <summary>The heap's size in bytes now (<c>pg_relation_size</c>).</summary>
    public long TableBytes { get; init; }

    /// <summary>Heap, indexes and TOAST in bytes (<c>pg_total_relation_size</c>).</summary>
    public long TotalBytes { get; init; }

    /// <summary>Sequential scans since the statistics reset.</summary>
    public long? SequentialScans { get; init; }

    /// <summary>Index scans since the statistics reset.</summary>
    public long? IndexScans { get; init; }

    /// <summary>Live rows as the statistics system counts them (<c>n_live_tup</c>).</summary>
    public long? LiveTuples { get; init; }

    /// <summary>Dead rows not yet removed by <c>VACUUM</c> (<c>n_dead_tup</c>).</summary>
    public long? DeadTuples { get; init; }

    /// <summary>The last <c>VACUUM</c> run by hand.</summary>
    public DateTimeOffset? LastVacuum { get; init; }

    /// <summary>The last autovacuum.</summary>
    public DateTimeOffset? LastAutovacuum { get; init; }

    /// <summary>The last <c>ANALYZE</c> (by hand or autovacuum, whichever is later).</summary>
    public DateTimeOffset? LastAnalyze { get; init; }

    /// <summary>The average width of a row's data in bytes (sum of <c>pg_stats.avg_width</c>); null when not analysed.</summary>
    public int? AverageRowWidth { get; init; }

    /// <summary>The table's <c>fillfactor</c> (100 unless set).</summary>
    public int FillFactor { get; init; } = 100;

    /// <summary>The schema-qualified name.</summary>
    [JsonIgnore]
    public QualifiedName QualifiedName => new(Schema, Name);
}

/// <summary>One index's size and use.</summary>
public sealed record IndexStatistics
{
    /// <summary>The schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The index's name.</summary>
    public required string Name { get; init; }

    /// <summary>The table's name (same schema).</summary>
    public required string Table { get; init; }

    /// <summary>Index scans since the statistics reset (<c>idx_scan</c>).</summary>
    public long? Scans { get; init; }

    /// <summary>The index's size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>
    /// <c>pg_stats.n_distinct</c> of the index's leading column: a positive number of distinct
    /// values, or minus the fraction of rows that are distinct; null when not analysed or an expression.
    /// </summary>
    public double? LeadingColumnDistinct { get; init; }

    /// <summary>The schema-qualified name.</summary>
    [JsonIgnore]
    public QualifiedName QualifiedName => new(Schema, Name);
}

/// <summary>One sequence's position in its range.</summary>
public sealed record SequenceStatistics
{
    /// <summary>The schema.</summary>
    public required string Schema { get; init; }

    /// <summary>The sequence's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its type: <c>smallint</c>, <c>integer</c> or <c>bigint</c>.</summary>
    public required string DataType { get; init; }

    /// <summary>The last value handed out; null when never used.</summary>
    public long? LastValue { get; init; }

    /// <summary><c>MINVALUE</c>.</summary>
    public long MinValue { get; init; }

    /// <summary><c>MAXVALUE</c>.</summary>
    public long MaxValue { get; init; }

    /// <summary><c>INCREMENT</c>.</summary>
    public long Increment { get; init; } = 1;

    /// <summary><c>CYCLE</c>: wraps around instead of failing.</summary>
    public bool Cycles { get; init; }

    /// <summary>The owning column (<c>schema.table.column</c>) of a serial or identity sequence.</summary>
    public string? OwnedBy { get; init; }

    /// <summary>The owning column's type (<c>integer</c> under a <c>bigint</c> sequence runs out first).</summary>
    public string? OwnedByType { get; init; }

    /// <summary>The schema-qualified name.</summary>
    [JsonIgnore]
    public QualifiedName QualifiedName => new(Schema, Name);
}

/// <summary>One normalized statement of <c>pg_stat_statements</c>: its constants are <c>$n</c> parameters.</summary>
public sealed record StatementStatistics
{
    /// <summary><c>queryid</c>: the hash of the statement's normalized parse tree.</summary>
    public long QueryId { get; init; }

    /// <summary>The role that ran it (<c>userid</c> resolved to its name).</summary>
    public required string User { get; init; }

    /// <summary>The normalized query text.</summary>
    public required string Query { get; init; }

    /// <summary>How many times it ran.</summary>
    public long Calls { get; init; }

    /// <summary>Rows returned or affected, over all calls.</summary>
    public long Rows { get; init; }

    /// <summary>Total execution time in milliseconds.</summary>
    public double TotalMilliseconds { get; init; }
}

/// <summary>A line of <c>pg_hba.conf</c> as <c>pg_hba_file_rules</c> shows it.</summary>
public sealed record HbaRule
{
    /// <summary>The line number in the file.</summary>
    public int LineNumber { get; init; }

    /// <summary><c>local</c>, <c>host</c>, <c>hostssl</c>, <c>hostnossl</c>, <c>hostgssenc</c>, <c>hostnogssenc</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The databases it matches.</summary>
    public ImmutableArray<string> Databases { get; init; } = [];

    /// <summary>The roles it matches.</summary>
    public ImmutableArray<string> Users { get; init; } = [];

    /// <summary>The address (for host lines).</summary>
    public string? Address { get; init; }

    /// <summary>The netmask (for host lines written with one).</summary>
    public string? Netmask { get; init; }

    /// <summary>The authentication method: <c>trust</c>, <c>md5</c>, <c>scram-sha-256</c>, <c>password</c>, <c>peer</c>, …</summary>
    public required string AuthMethod { get; init; }
}
