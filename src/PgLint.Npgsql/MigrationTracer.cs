using System.Collections.Immutable;
using System.Diagnostics;
using Npgsql;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Npgsql;

/// <summary>A relation lock the statement's own backend held when the statement had run (before commit).</summary>
/// <param name="Relation">The relation, <c>schema.name</c>.</param>
/// <param name="Kind">Its <c>pg_class.relkind</c> (<c>r</c> table, <c>i</c> index, <c>p</c> partitioned table, …).</param>
/// <param name="Mode">The strongest mode held on it.</param>
/// <param name="Existing">True when the relation existed before the statement (not created by it).</param>
public sealed record ObservedLock(string Relation, char Kind, LockMode Mode, bool Existing);

/// <summary>A relation whose storage a statement replaced (its <c>relfilenode</c> changed): a table rewrite or an index rebuild.</summary>
/// <param name="Relation">The relation, <c>schema.name</c>.</param>
/// <param name="Kind">Its <c>pg_class.relkind</c>.</param>
/// <param name="ExistedBeforeFile">True when the relation existed before the statement's file (migration) started.</param>
public sealed record ObservedRewrite(string Relation, char Kind, bool ExistedBeforeFile)
{
    /// <summary>True for a table (or materialized view), false for an index or sequence.</summary>
    public bool IsTable => Kind is 'r' or 'm' or 't';
}

/// <summary>What one migration statement did on the server, and where that disagrees with PgLint's predictions.</summary>
/// <param name="Statement">The statement in its file.</param>
/// <param name="Error">The server's error when the statement failed, or why it was not run.</param>
/// <param name="LocksObservable">False for statements that ran outside a transaction block (their locks are gone before they can be read).</param>
/// <param name="Locks">The relation locks it took (newly held after it ran, within its transaction).</param>
/// <param name="Rewritten">The existing tables and indexes whose storage it replaced (<c>relfilenode</c> changed).</param>
/// <param name="Predicted">What the lock model predicts for it.</param>
/// <param name="RuleIds">The migration-safety rules that reported it.</param>
/// <param name="Disagreements">Where the server and the predictions disagree, one sentence each.</param>
public sealed record TracedStatement(
    SqlStatement Statement,
    string? Error,
    bool LocksObservable,
    ImmutableArray<ObservedLock> Locks,
    ImmutableArray<ObservedRewrite> Rewritten,
    ImmutableArray<RelationLock> Predicted,
    ImmutableArray<string> RuleIds,
    ImmutableArray<string> Disagreements);

/// <summary>The trace of a migration set.</summary>
/// <param name="Database">The scratch database it ran in (dropped afterwards).</param>
/// <param name="Statements">Every statement, in replay order.</param>
/// <param name="Elapsed">How long the replay took.</param>
public sealed record MigrationTrace(string Database, ImmutableArray<TracedStatement> Statements, TimeSpan Elapsed);

/// <summary>
/// Replays a migration set statement by statement in a scratch database and records, per statement,
/// the relation locks its own backend holds (<c>pg_locks</c> where <c>pid = pg_backend_pid()</c>, read
/// before commit) and the relations it rewrote (<c>pg_class.relfilenode</c> before and after). Each
/// statement runs in a transaction of its own, or inside the file's explicit <c>BEGIN … COMMIT</c>;
/// statements PostgreSQL refuses in a transaction block (<c>CONCURRENTLY</c>, <c>VACUUM</c>, …) run on
/// their own. The result is compared with <see cref="Locks.Acquired"/> and with the findings of the
/// rules that claim an ACCESS EXCLUSIVE lock or a rewrite.
/// </summary>
public sealed class MigrationTracer
{
    /// <summary>Migration-safety rules whose finding says the statement rewrites the table.</summary>
    public static readonly ImmutableHashSet<string> RewriteRules = ["PG1005", "PG1014", "PG1015", "PG1016", "PG1026", "PG1027", "PG1028", "PG1029"];

    /// <summary>Migration-safety rules whose finding says the statement takes ACCESS EXCLUSIVE on an existing table.</summary>
    public static readonly ImmutableHashSet<string> AccessExclusiveRules = RewriteRules.Union(["PG1002", "PG1007", "PG1008", "PG1011", "PG1013", "PG1022"]);

    private const string SnapshotQuery =
        """
        SELECT c.oid::bigint, n.nspname || '.' || c.relname, c.relkind::text, c.relfilenode::bigint
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
        """;

    private const string LocksQuery =
        """
        SELECT l.relation::bigint, l.mode
        FROM pg_catalog.pg_locks l
        WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation' AND l.granted
          AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
        """;

    private readonly NpgsqlConnectionStringBuilder _settings;

    /// <summary>Creates a tracer for the server of <paramref name="settings"/> (its database is where the scratch database is created from).</summary>
    public MigrationTracer(NpgsqlConnectionStringBuilder settings) => _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>
    /// Traces one migration set (its files' syntax trees, in apply order) in a new scratch database
    /// that is dropped at the end, also when the replay fails or is cancelled.
    /// </summary>
    /// <param name="files">The set's files.</param>
    /// <param name="findings">Static findings on those files (from the lint engine), matched to statements by position.</param>
    /// <param name="cancellationToken">Stops the replay between statements (and cancels a running one).</param>
    public MigrationTrace Trace(IReadOnlyList<SyntaxTree> files, IReadOnlyList<Diagnostic> findings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(findings);
        var stopwatch = Stopwatch.StartNew();
        var name = $"pglint_trace_{Guid.NewGuid():N}"[..32];
        using (var admin = LiveConnection.Open(_settings))
        {
            Execute(admin, $"CREATE DATABASE {name}");
        }

        try
        {
            var scratch = new NpgsqlConnectionStringBuilder(_settings.ConnectionString) { Database = name, Pooling = false };
            using var connection = LiveConnection.Open(scratch);
            var statements = new Replay(connection, findings, cancellationToken).Run(files);
            return new MigrationTrace(name, statements, stopwatch.Elapsed);
        }
        finally
        {
            Drop(name);
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private void Drop(string name)
    {
        using var admin = LiveConnection.Open(_settings);
        Execute(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private sealed class Replay(NpgsqlConnection connection, IReadOnlyList<Diagnostic> findings, CancellationToken cancellationToken)
    {
        private readonly Catalog _catalog = new();
        private readonly List<TracedStatement> _traced = [];
        private bool _inExplicitTransaction;
        private bool _explicitTransactionFailed;
        private Dictionary<long, (string Name, char Kind, long FileNode)> _existingBeforeFile = [];

        public ImmutableArray<TracedStatement> Run(IReadOnlyList<SyntaxTree> files)
        {
            var replayer = new CatalogReplayer(_catalog);
            for (var index = 0; index < files.Count; index++)
            {
                _existingBeforeFile = Snapshot();
                foreach (var statement in files[index].Statements.Where(static s => s.Kind == StatementKind.Sql))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!statement.IsParsed)
                    {
                        _traced.Add(Skipped(statement, "not run: the statement does not parse"));
                        continue;
                    }

                    _traced.Add(RunStatement(statement));
                    replayer.Apply(statement, new ObjectOrigin(0, index, statement.Ordinal, 0, FromSchema: false));
                }

                if (_inExplicitTransaction)
                {
                    // A file that leaves its transaction open (PG1036) would have it committed by the connection's end.
                    Sql(_explicitTransactionFailed ? "ROLLBACK" : "COMMIT");
                    _inExplicitTransaction = false;
                }
            }

            return [.. _traced];
        }

        private void Sql(string sql)
        {
            using var command = new NpgsqlCommand(sql, connection);
            using var cancel = cancellationToken.Register(command.Cancel);
            command.ExecuteNonQuery();
        }

        private static TracedStatement Skipped(SqlStatement statement, string reason) =>
            new(statement, reason, false, [], [], [], [], []);

        private TracedStatement RunStatement(SqlStatement statement)
        {
            var root = statement.Root!;
            if (root.TransactionStmt is { } transaction)
            {
                return Transaction(statement, transaction);
            }

            if (_explicitTransactionFailed)
            {
                return Skipped(statement, "not run: an earlier statement of its transaction failed");
            }

            var predicted = Locks.Acquired(root, _catalog);
            var before = Snapshot();
            var heldBefore = _inExplicitTransaction ? HeldLocks() : [];
            var ownTransaction = !_inExplicitTransaction;
            string? error = null;
            var observable = true;
            ImmutableArray<ObservedLock> locks = [];
            if (ownTransaction)
            {
                Sql("BEGIN");
            }

            try
            {
                Sql(statement.Text);
                var after = Snapshot();
                locks = Describe(HeldLocks().Except(heldBefore), before, after);
                var rewritten = Rewritten(before, after);
                if (ownTransaction)
                {
                    Sql("COMMIT");
                }

                return Compare(statement, null, true, locks, rewritten, predicted, HeldByName(heldBefore, before));
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ActiveSqlTransaction && ownTransaction)
            {
                // CREATE INDEX CONCURRENTLY, VACUUM, …: PostgreSQL runs them only outside a transaction block.
                Sql("ROLLBACK");
                observable = false;
            }
            catch (PostgresException ex)
            {
                error = ex.MessageText.ReplaceLineEndings(" ");
                if (ownTransaction)
                {
                    Sql("ROLLBACK");
                }
                else
                {
                    _explicitTransactionFailed = true;
                }

                return new TracedStatement(statement, error, false, [], [], predicted, RulesOn(statement), []);
            }

            try
            {
                Sql(statement.Text);
                return Compare(statement, null, observable, [], Rewritten(before, Snapshot()), predicted);
            }
            catch (PostgresException ex)
            {
                return new TracedStatement(statement, ex.MessageText.ReplaceLineEndings(" "), false, [], [], predicted, RulesOn(statement), []);
            }
        }

        private TracedStatement Transaction(SqlStatement statement, TransactionStmt transaction)
        {
            switch (transaction.Kind)
            {
                case TransactionStmtKind.TransStmtBegin or TransactionStmtKind.TransStmtStart:
                    Sql(statement.Text);
                    _inExplicitTransaction = true;
                    _explicitTransactionFailed = false;
                    break;
                case TransactionStmtKind.TransStmtCommit or TransactionStmtKind.TransStmtRollback:
                    // COMMIT of a failed transaction rolls back, as on the server.
                    Sql(statement.Text);
                    _inExplicitTransaction = false;
                    _explicitTransactionFailed = false;
                    break;
                default:
                    if (_inExplicitTransaction && !_explicitTransactionFailed)
                    {
                        Sql(statement.Text);
                    }

                    break;
            }

            return new TracedStatement(statement, null, true, [], [], [], [], []);
        }

        /// <summary>
        /// The strongest mode held per relation (named as in <paramref name="snapshot"/>): in an explicit transaction,
        /// what earlier statements already hold, which a later statement needs without taking it anew.
        /// </summary>
        private static Dictionary<string, LockMode> HeldByName(IEnumerable<(long Oid, LockMode Mode)> held, Dictionary<long, (string Name, char Kind, long FileNode)> snapshot) =>
            held.Where(h => snapshot.ContainsKey(h.Oid))
                .GroupBy(h => snapshot[h.Oid].Name, StringComparer.Ordinal)
                .ToDictionary(static g => g.Key, static g => g.Max(static h => h.Mode), StringComparer.Ordinal);

        private TracedStatement Compare(SqlStatement statement, string? error, bool observable, ImmutableArray<ObservedLock> locks, ImmutableArray<ObservedRewrite> rewritten, ImmutableArray<RelationLock> predicted, Dictionary<string, LockMode>? heldBefore = null)
        {
            heldBefore ??= [];
            var rules = RulesOn(statement);
            var disagreements = new List<string>();
            var predictedExclusive = predicted.Where(static p => p.Mode == LockMode.AccessExclusive && p.Kind == LockedRelationKind.Table)
                .Select(static p => Qualify(p.Relation)).ToHashSet(StringComparer.Ordinal);
            var ruleSaysExclusive = rules.Any(AccessExclusiveRules.Contains);
            var ruleSaysRewrite = rules.Any(RewriteRules.Contains);
            var tables = locks.Where(static l => l.Existing && l.Kind is 'r' or 'p' or 'm').ToList();

            if (observable)
            {
                foreach (var taken in tables.Where(static l => l.Mode == LockMode.AccessExclusive))
                {
                    if (!predictedExclusive.Contains(taken.Relation) && !ruleSaysExclusive)
                    {
                        var modelMode = predicted.Where(p => Qualify(p.Relation) == taken.Relation).Select(static p => p.Mode.ToSql()).FirstOrDefault() ?? "no lock";
                        disagreements.Add($"the server took ACCESS EXCLUSIVE on {taken.Relation}; the lock model predicts {modelMode} and no rule reported it");
                    }
                }

                foreach (var relation in predictedExclusive)
                {
                    // A lock an earlier statement of the transaction holds is not taken again, but the statement has it.
                    var held = locks.Where(l => l.Relation == relation).Select(static l => l.Mode).Append(heldBefore.GetValueOrDefault(relation)).Max();
                    if (locks.Any(l => l.Relation == relation && !l.Existing))
                    {
                        continue;
                    }

                    if (held != LockMode.AccessExclusive && (locks.Length > 0 || heldBefore.Count > 0))
                    {
                        disagreements.Add($"the lock model predicts ACCESS EXCLUSIVE on {relation}; the server took {(held == 0 ? "no lock" : held.ToSql())}");
                    }
                }

                if (ruleSaysExclusive && !tables.Any(static l => l.Mode == LockMode.AccessExclusive)
                    && !predictedExclusive.Any(r => heldBefore.GetValueOrDefault(r) == LockMode.AccessExclusive))
                {
                    disagreements.Add($"{string.Join(", ", rules.Where(AccessExclusiveRules.Contains))} report(s) ACCESS EXCLUSIVE on an existing table; the server took {Strongest(tables)}");
                }
            }

            if (ruleSaysRewrite && !rewritten.Any(static r => r.IsTable))
            {
                disagreements.Add($"{string.Join(", ", rules.Where(RewriteRules.Contains))} report(s) a rewrite; the server rewrote nothing");
            }

            // TRUNCATE, CLUSTER, VACUUM FULL and REFRESH replace the storage by definition; the rules that report them say so.
            var replacesStorage = statement.Root!.NodeCase is Node.NodeOneofCase.TruncateStmt or Node.NodeOneofCase.ClusterStmt or Node.NodeOneofCase.VacuumStmt or Node.NodeOneofCase.RefreshMatViewStmt;
            foreach (var table in rewritten.Where(static r => r.IsTable && r.ExistedBeforeFile))
            {
                if (!ruleSaysRewrite && !replacesStorage)
                {
                    disagreements.Add($"the server rewrote {table.Relation}, which existed before this migration; no rule reported a rewrite");
                }
            }

            return new TracedStatement(statement, error, observable, locks, rewritten, predicted, rules, [.. disagreements]);
        }

        private static string Strongest(List<ObservedLock> locks) =>
            locks.Count == 0 ? "no lock on an existing table" : $"{locks.Max(static l => l.Mode).ToSql()} at most";

        private static string Qualify(QualifiedName name) => $"{name.Schema ?? "public"}.{name.Name}";

        private ImmutableArray<string> RulesOn(SqlStatement statement) =>
            [.. findings.Where(d => ReferenceEquals(d.Location.Source, statement.Source) && statement.Span.Contains(d.Location.Span.Start))
                .Select(static d => d.Id).Where(static id => id.StartsWith("PG1", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal)];

        private Dictionary<long, (string Name, char Kind, long FileNode)> Snapshot()
        {
            var result = new Dictionary<long, (string, char, long)>();
            using var command = new NpgsqlCommand(SnapshotQuery, connection);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2)[0], reader.GetInt64(3));
            }

            return result;
        }

        private HashSet<(long Oid, LockMode Mode)> HeldLocks()
        {
            var held = new HashSet<(long, LockMode)>();
            using var command = new NpgsqlCommand(LocksQuery, connection);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (Enum.TryParse<LockMode>(reader.GetString(1).Replace("Lock", string.Empty, StringComparison.Ordinal), out var mode))
                {
                    held.Add((reader.GetInt64(0), mode));
                }
            }

            return held;
        }

        /// <summary>
        /// The strongest mode per relation among the locks taken; system catalogs (left out of the snapshots)
        /// are not shown. Relations are named as they were before the statement (as the lock model names
        /// them: a renamed table under its old name, a dropped one although it is gone from pg_class); only
        /// relations the statement created are named from the snapshot after.
        /// </summary>
        private static ImmutableArray<ObservedLock> Describe(IEnumerable<(long Oid, LockMode Mode)> taken, Dictionary<long, (string Name, char Kind, long FileNode)> before, Dictionary<long, (string Name, char Kind, long FileNode)> after) =>
            [.. taken.GroupBy(static l => l.Oid)
                .Select(g => (Oid: g.Key, Mode: g.Max(static l => l.Mode), Known: before.TryGetValue(g.Key, out var relation) || after.TryGetValue(g.Key, out relation), Relation: relation))
                .Where(static l => l.Known)
                .Select(l => new ObservedLock(l.Relation.Name, l.Relation.Kind, l.Mode, before.ContainsKey(l.Oid)))
                .OrderBy(static l => l.Relation, StringComparer.Ordinal)];

        private ImmutableArray<ObservedRewrite> Rewritten(Dictionary<long, (string Name, char Kind, long FileNode)> before, Dictionary<long, (string Name, char Kind, long FileNode)> after) =>
            [.. before.Where(b => b.Value.FileNode != 0 && after.TryGetValue(b.Key, out var now) && now.FileNode != b.Value.FileNode)
                .Select(b => new ObservedRewrite(b.Value.Name, b.Value.Kind, _existingBeforeFile.ContainsKey(b.Key)))
                .OrderBy(static r => r.Relation, StringComparer.Ordinal)];
    }
}
