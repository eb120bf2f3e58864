using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using PgLint.Analysis;
using PgLint.Analysis.Plans;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Npgsql;

/// <summary>How <see cref="ExplainRunner"/> plans queries.</summary>
public sealed record ExplainOptions
{
    /// <summary>Run each query (<c>EXPLAIN ANALYZE</c>) inside a transaction that is always rolled back.</summary>
    public bool Analyze { get; init; }

    /// <summary>
    /// Load the hypopg extension inside each (rolled-back) transaction when the database does not have
    /// it: <c>CREATE EXTENSION IF NOT EXISTS hypopg</c> is undone by the rollback.
    /// </summary>
    public bool LoadHypopg { get; init; }

    /// <summary><c>statement_timeout</c> for each planned query.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>lock_timeout</c> for each planned query.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>What planning a set of files produced.</summary>
/// <param name="Diagnostics">The plan rules' findings, located at the queries in their files.</param>
/// <param name="Notifications">What the run wants to say about itself: rules skipped and why, queries that could not be planned.</param>
/// <param name="Planned">The number of queries planned.</param>
/// <param name="RulesRun">The ids of the plan rules that ran.</param>
public sealed record ExplainRun(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> Notifications, int Planned, ImmutableHashSet<string> RulesRun);

/// <summary>
/// Plans the queries of SQL files on a live database and runs the plan rules on the plans. Each query
/// is planned in a transaction of its own that is always rolled back (read-only unless
/// <see cref="ExplainOptions.Analyze"/> or <see cref="ExplainOptions.LoadHypopg"/> need writes), with
/// <c>statement_timeout</c> and <c>lock_timeout</c> set. Queries with <c>$n</c> parameters get a
/// generic plan: PostgreSQL 15 has no <c>EXPLAIN (GENERIC_PLAN)</c>, so the query is prepared with
/// parameters of unknown type and explained as <c>EXECUTE</c> with NULLs under
/// <c>plan_cache_mode = force_generic_plan</c>, which plans without looking at the values.
/// </summary>
public sealed class ExplainRunner : IDisposable
{
    private const string PreparedName = "pglint_query";
    private readonly NpgsqlConnectionStringBuilder _settings;
    private readonly ExplainOptions _options;
    private NpgsqlConnection _connection;
    private readonly Dictionary<(string?, string), RelationStatistics?> _relations = [];
    private readonly HypopgMode _hypopg;
    private bool _hypotheticalIndexPending;

    private ExplainRunner(NpgsqlConnectionStringBuilder settings, ExplainOptions options)
    {
        _settings = settings;
        _connection = LiveConnection.Open(settings);
        _options = options;
        (_hypopg, HypotheticalIndexesUnavailableReason) = DetectHypopg();
    }

    private enum HypopgMode
    {
        Unavailable,
        Installed,
        LoadInTransaction,
    }

    /// <summary>Why hypothetical indexes cannot be used on this database, or null when they can.</summary>
    public string? HypotheticalIndexesUnavailableReason { get; }

    /// <summary>The database connected to.</summary>
    public string Database => _connection.Database;

    /// <summary>Connects (throws <see cref="LiveConnectionException"/> when that fails).</summary>
    public static ExplainRunner Open(NpgsqlConnectionStringBuilder settings, ExplainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ExplainRunner(settings, options);
    }

    /// <summary>The open connection (its session is the one queries are planned in).</summary>
    public NpgsqlConnection Connection => _connection;

    /// <summary>True for the statements <c>pglint explain</c> plans: SELECT (not SELECT INTO), INSERT, UPDATE, DELETE, MERGE, with or without WITH.</summary>
    public static bool IsQuery(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return IsQuery(statement.Root);
    }

    /// <summary>True for a parsed statement <c>pglint explain</c> plans.</summary>
    public static bool IsQuery(Node? root)
    {
        return root?.NodeCase switch
        {
            Node.NodeOneofCase.SelectStmt => root.SelectStmt.IntoClause is null,
            Node.NodeOneofCase.InsertStmt or Node.NodeOneofCase.UpdateStmt or Node.NodeOneofCase.DeleteStmt or Node.NodeOneofCase.MergeStmt => true,
            _ => false,
        };
    }

    /// <summary>Plans every query of the files and runs the enabled plan rules on the plans.</summary>
    public ExplainRun Run(IEnumerable<SyntaxTree> trees, IEnumerable<PlanAnalyzer> analyzers, LintSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trees);
        ArgumentNullException.ThrowIfNull(settings);
        var notifications = new List<string>();
        var enabled = analyzers.Where(a => a.SupportedDiagnostics.Any(settings.IsEnabled)).ToList();
        var skipped = new List<PlanAnalyzer>();
        if (HypotheticalIndexesUnavailableReason is { } reason)
        {
            foreach (var analyzer in enabled.Where(static a => a.NeedsHypotheticalIndexes))
            {
                skipped.Add(analyzer);
                notifications.Add($"{Rules(analyzer)} skipped: {reason}.");
            }
        }

        if (!_options.Analyze)
        {
            var needAnalyze = enabled.Where(static a => a.NeedsAnalyze).ToList();
            skipped.AddRange(needAnalyze);
            if (needAnalyze.Count > 0)
            {
                notifications.Add($"{string.Join(", ", needAnalyze.Select(Rules))} skipped: they read measured execution (run with --analyze).");
            }
        }

        var running = enabled.Except(skipped).ToList();
        var diagnostics = new List<Diagnostic>();
        var planned = 0;
        foreach (var tree in trees)
        {
            foreach (var statement in tree.Statements.Where(static s => s.IsParsed))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (statement.Root!.NodeCase == Node.NodeOneofCase.VariableSetStmt)
                {
                    // The file's own SET (work_mem, search_path, …) applies to the queries after it, as in psql.
                    TryExecute(statement, notifications);
                    continue;
                }

                if (!IsQuery(statement))
                {
                    continue;
                }

                if (PlanOne(statement, running, settings, diagnostics, notifications))
                {
                    planned++;
                }
            }
        }

        return new ExplainRun([.. diagnostics], [.. notifications], planned, [.. running.SelectMany(static a => a.SupportedDiagnostics).Select(static d => d.Id)]);
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private static string Rules(PlanAnalyzer analyzer) => string.Join(", ", analyzer.SupportedDiagnostics.Select(static d => $"{d.Id} ({d.Name})"));

    private static string Where(SqlStatement statement)
    {
        var position = statement.Source.GetLinePosition(statement.Span.Start);
        return $"{statement.Source.Path}:{position.Line}:{position.Column}";
    }

    private static int ParameterCount(SqlStatement statement) =>
        statement.Root!.DescendantsAndSelf().Select(static d => d.Node).OfType<ParamRef>().Select(static p => p.Number).DefaultIfEmpty(0).Max();

    private bool PlanOne(SqlStatement statement, List<PlanAnalyzer> analyzers, LintSettings settings, List<Diagnostic> diagnostics, List<string> notifications)
    {
        var parameters = ParameterCount(statement);
        var analyze = _options.Analyze && parameters == 0;
        var useHypopg = _hypopg != HypopgMode.Unavailable && analyzers.Any(static a => a.NeedsHypotheticalIndexes);
        var readOnly = !analyze && !(useHypopg && _hypopg == HypopgMode.LoadInTransaction);
        var prepared = false;
        using var transaction = _connection.BeginTransaction();
        try
        {
            Execute(readOnly ? "SET TRANSACTION READ ONLY" : "SET TRANSACTION READ WRITE");
            Execute($"SET LOCAL statement_timeout = {(long)_options.StatementTimeout.TotalMilliseconds}");
            Execute($"SET LOCAL lock_timeout = {(long)_options.LockTimeout.TotalMilliseconds}");
            if (useHypopg && _hypopg == HypopgMode.LoadInTransaction)
            {
                Execute("CREATE EXTENSION IF NOT EXISTS hypopg");
            }

            string target;
            if (parameters > 0)
            {
                Execute("SET LOCAL plan_cache_mode = force_generic_plan");
                Execute($"PREPARE {PreparedName} AS {statement.Text}");
                prepared = true;
                target = $"EXECUTE {PreparedName}({string.Join(", ", Enumerable.Repeat("NULL", parameters))})";
            }
            else
            {
                target = statement.Text;
            }

            var plan = Explain(target, analyze);
            var advisor = useHypopg ? new HypopgAdvisor(this, target) : null;
            var context = new PlanContext(statement, plan, settings.RuleOptions, Relation, advisor, diagnostics.Add);
            foreach (var analyzer in analyzers)
            {
                try
                {
                    analyzer.AnalyzePlan(context);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not NpgsqlException)
                {
                    diagnostics.Add(Diagnostic.Create(
                        ToolDiagnostics.RuleFailed,
                        Location.Create(statement.Source, statement.Span),
                        analyzer.SupportedDiagnostics.FirstOrDefault()?.Id,
                        analyzer.GetType().Name,
                        ex.GetType().Name,
                        ex.Message.TrimEnd('.')));
                }
            }

            if (useHypopg)
            {
                Execute("SELECT hypopg_reset()");
            }

            if (parameters > 0 && _options.Analyze)
            {
                notifications.Add($"{Where(statement)}: a query with parameters gets a generic plan without ANALYZE (there are no values to run it with).");
            }

            return true;
        }
        catch (PostgresException ex)
        {
            notifications.Add($"{Where(statement)}: not planned: {ex.MessageText.ReplaceLineEndings(" ")}.");
            if (_hypotheticalIndexPending)
            {
                // Hypothetical indexes live in the backend, not in the transaction: a fresh session is the only clean slate.
                transaction.Rollback();
                prepared = false;
                _connection.Dispose();
                _connection = LiveConnection.Open(_settings);
                _hypotheticalIndexPending = false;
                notifications.Add($"{Where(statement)}: reconnected to discard hypothetical indexes; SET statements of the file before this point no longer apply.");
            }

            return false;
        }
        catch (JsonException ex)
        {
            notifications.Add($"{Where(statement)}: not planned: the EXPLAIN output could not be read ({ex.Message}).");
            return false;
        }
        finally
        {
            // Everything the query did (ANALYZE runs it), and the extension if it was loaded, is undone here.
            if (transaction.Connection is not null)
            {
                transaction.Rollback();
            }

            if (prepared)
            {
                Execute($"DEALLOCATE {PreparedName}");
            }
        }
    }

    private QueryPlan Explain(string target, bool analyze)
    {
        var options = analyze ? "ANALYZE, BUFFERS, VERBOSE, FORMAT JSON" : "VERBOSE, FORMAT JSON";
        using var command = new NpgsqlCommand($"EXPLAIN ({options}) {target}", _connection);
        var json = (string)command.ExecuteScalar()!;
        return QueryPlan.Parse(json);
    }

    private RelationStatistics? Relation(string? schema, string name)
    {
        if (_relations.TryGetValue((schema, name), out var known))
        {
            return known;
        }

        using var command = new NpgsqlCommand(
            """
            SELECT n.nspname, c.relname, greatest(c.reltuples, 0)::float8, c.relpages::float8
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname = $2 AND (n.nspname = $1 OR ($1 IS NULL AND pg_catalog.pg_table_is_visible(c.oid)))
            ORDER BY n.nspname = $1 DESC NULLS LAST
            LIMIT 1
            """,
            _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)schema ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = name, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        using var reader = command.ExecuteReader();
        var statistics = reader.Read() ? new RelationStatistics(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3)) : null;
        _relations[(schema, name)] = statistics;
        return statistics;
    }

    private void TryExecute(SqlStatement statement, List<string> notifications)
    {
        try
        {
            Execute(statement.Text);
        }
        catch (PostgresException ex)
        {
            notifications.Add($"{Where(statement)}: {ex.MessageText.ReplaceLineEndings(" ")}.");
        }
    }

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection);
        command.ExecuteNonQuery();
    }

    private (HypopgMode Mode, string? Reason) DetectHypopg()
    {
        using var command = new NpgsqlCommand(
            """
            SELECT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'hypopg'),
                   EXISTS (SELECT FROM pg_catalog.pg_available_extensions WHERE name = 'hypopg')
            """,
            _connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        var (installed, available) = (reader.GetBoolean(0), reader.GetBoolean(1));
        return (installed, available) switch
        {
            (true, _) => (HypopgMode.Installed, null),
            (false, true) when _options.LoadHypopg => (HypopgMode.LoadInTransaction, null),
            (false, true) => (HypopgMode.Unavailable, $"the hypopg extension is not installed in database \"{_connection.Database}\" (pass --hypopg to load it inside each rolled-back transaction, or CREATE EXTENSION hypopg)"),
            _ => (HypopgMode.Unavailable, "the hypopg extension is not available on the server (install the postgresql-15-hypopg package)"),
        };
    }

    /// <summary>What-if planning inside the query's transaction; the caller resets hypopg before the rollback.</summary>
    private sealed class HypopgAdvisor(ExplainRunner runner, string target) : IHypotheticalIndexAdvisor
    {
        private double? _costBefore;

        public HypotheticalIndexResult? TryIndex(string schema, string table, IReadOnlyList<string> columns)
        {
            _costBefore ??= runner.Explain(target, analyze: false).Plan.TotalCost;
            var relation = $"{QualifiedName.Quote(schema)}.{QualifiedName.Quote(table)}";
            var columnList = string.Join(", ", columns.Select(QualifiedName.Quote));
            long indexId;
            runner._hypotheticalIndexPending = true;
            using (var create = new NpgsqlCommand("SELECT indexrelid::bigint FROM hypopg_create_index($1)", runner._connection))
            {
                create.Parameters.Add(new NpgsqlParameter { Value = $"CREATE INDEX ON {relation} ({columnList})", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                runner.Execute("SAVEPOINT pglint_hypothetical");
                try
                {
                    indexId = Convert.ToInt64(create.ExecuteScalar(), CultureInfo.InvariantCulture);
                    runner.Execute("RELEASE SAVEPOINT pglint_hypothetical");
                }
                catch (PostgresException)
                {
                    // hypopg rejected the index (a column type without a B-tree operator class, …): nothing was created.
                    runner.Execute("ROLLBACK TO SAVEPOINT pglint_hypothetical");
                    runner._hypotheticalIndexPending = false;
                    return null;
                }
            }

            try
            {
                var after = runner.Explain(target, analyze: false);
                var marker = $"<{indexId.ToString(CultureInfo.InvariantCulture)}>";
                var used = after.Nodes.Any(n => n.IndexName?.Contains(marker, StringComparison.Ordinal) == true);
                var name = $"{table}_{string.Join("_", columns)}_idx";
                name = name.Length > 63 ? name[..63] : name;
                var statement = $"CREATE INDEX CONCURRENTLY {QualifiedName.Quote(name)} ON {relation} ({columnList});";
                return new HypotheticalIndexResult(statement, _costBefore.Value, after.Plan.TotalCost, used);
            }
            finally
            {
                using var drop = new NpgsqlCommand($"SELECT hypopg_drop_index({indexId.ToString(CultureInfo.InvariantCulture)})", runner._connection);
                drop.ExecuteNonQuery();
                runner._hypotheticalIndexPending = false;
            }
        }
    }
}
