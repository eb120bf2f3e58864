using System.Collections.Immutable;
using Npgsql;
using PgLint.Syntax;
using PgLint.Tests.Shared;
using PgQuery;

namespace PgLint.Rules.Tests.Server;

/// <summary>
/// The hazard each migration-safety rule states in its descriptor (<see cref="DiagnosticDescriptor.Hazard"/>),
/// checked on PostgreSQL 15 with the rule's own documented failing example: the Non-compliant block of
/// <c>docs/rules/ID.md</c> is linted after <c>Server/docs-fixture.sql</c>, and each statement the rule
/// reports runs against a fresh database loaded with that fixture. The test reads the locks its backend
/// holds (<c>pg_locks</c>) on the table the statement targets, the table's <c>relfilenode</c> and row
/// count before and after, and the rows read from it (<c>pg_stat_xact_user_tables</c>); the server's
/// answer must be the descriptor's claim. Statements run in a transaction that is rolled back; a
/// statement PostgreSQL refuses to run in a transaction block runs on its own while another session
/// holds the table, so that the lock it waits for can be read.
/// </summary>
[NonParallelizable]
public sealed class DocsExampleHazardServerTests
{
    /// <summary>Migration-safety rules that state no hazard, and why: they report no lock on an existing table.</summary>
    private static readonly Dictionary<string, string> WithoutHazard = new(StringComparer.Ordinal)
    {
        ["PG1003"] = "reports CONCURRENTLY inside a transaction block, which PostgreSQL refuses; no lock is taken",
        ["PG1021"] = "reports a schema or a database, not a table (DROP DATABASE cannot run in a transaction block)",
        ["PG1023"] = "reports a missing lock_timeout; the lock is the reported statement's own rule's hazard",
        ["PG1034"] = "ALTER TYPE … ADD VALUE locks the type, not any table",
        ["PG1036"] = "reports a transaction left open at the end of the file",
        ["PG1037"] = "reports a BEGIN inside a transaction block",
        ["PG1041"] = "reports an index without a name, a naming problem",
        ["PG1042"] = "reports an identifier PostgreSQL truncates, a naming problem",
        ["PG1043"] = "reports a PostgreSQL 14.0–14.3 bug in concurrent index builds, not a lock",
    };

    /// <summary>
    /// Examples that cannot succeed on the fixture as it is, with what the server says instead, the
    /// change made to the fixture before the example runs, and why that is honest.
    /// </summary>
    private static readonly Dictionary<string, Preparation> Preparations = new(StringComparer.Ordinal)
    {
        // The rule's point: the statement fails on a table that has rows. The lock and the scan it
        // makes to check the new column are observed on the same table emptied first.
        ["PG1006"] = new("DELETE FROM orders", PostgresErrorCodes.NotNullViolation),
    };

    private static readonly string RepositoryRoot = TestPostgres.RepositoryRoot;

    private static readonly string Fixture = File.ReadAllText(Path.Combine(RepositoryRoot, "tests", "PgLint.Rules.Tests", "Server", "docs-fixture.sql"));

    /// <summary>The tablespace PG1028's example moves a table to; created for the run when the server has none.</summary>
    private const string ExampleTablespace = "fast_ssd";

    private static bool _createdTablespace;

    public static IEnumerable<TestCaseData> RulesWithHazard() =>
        BuiltInRules.Descriptors.Where(static d => d.Hazard is not null)
            .Select(static d => new TestCaseData(d.Id).SetName($"{d.Id} {d.Name}: {d.Hazard}"));

    [OneTimeSetUp]
    public static void CreateExampleTablespace()
    {
        // Tablespaces belong to the cluster and CREATE TABLESPACE cannot run in a transaction block,
        // so the fixture cannot create it. allow_in_place_tablespaces (PostgreSQL 15) puts it inside
        // the data directory, which works whatever machine the server runs on.
        using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_tablespace WHERE spcname = @name", connection);
        exists.Parameters.AddWithValue("name", ExampleTablespace);
        if ((long)exists.ExecuteScalar()! > 0)
        {
            return;
        }

        Execute(connection, "SET allow_in_place_tablespaces = on");
        Execute(connection, $"CREATE TABLESPACE {ExampleTablespace} LOCATION ''");
        _createdTablespace = true;
    }

    [OneTimeTearDown]
    public static void DropExampleTablespace()
    {
        if (_createdTablespace)
        {
            using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
            connection.Open();
            Execute(connection, $"DROP TABLESPACE IF EXISTS {ExampleTablespace}");
        }
    }

    [Test]
    public void Every_migration_safety_rule_states_a_hazard_or_is_listed_with_the_reason_it_has_none()
    {
        var migrationSafety = BuiltInRules.Descriptors.Where(static d => d.Id.StartsWith("PG1", StringComparison.Ordinal)).ToList();
        migrationSafety.Where(static d => d.Hazard is null && !WithoutHazard.ContainsKey(d.Id)).Select(static d => d.Id)
            .Should().BeEmpty("a migration-safety rule states the lock and effect of what it reports, or is listed in WithoutHazard with the reason");
        migrationSafety.Where(static d => d.Hazard is not null && WithoutHazard.ContainsKey(d.Id)).Select(static d => d.Id)
            .Should().BeEmpty("a rule with a hazard is not in WithoutHazard");
        WithoutHazard.Keys.Should().BeSubsetOf(migrationSafety.Select(static d => d.Id), "WithoutHazard names only existing rules");
    }

    [TestCaseSource(nameof(RulesWithHazard))]
    public void The_documented_failing_example_takes_the_stated_lock_with_the_stated_effect(string id)
    {
        var hazard = BuiltInRules.Descriptors.Single(d => d.Id == id).Hazard!;
        var example = SourceText.From(NonCompliantExample(id), $"docs/rules/{id}.md");
        var tree = SqlParser.Parse(example);
        var reported = ReportedStatements(id, example, tree);
        reported.Should().NotBeEmpty($"the Non-compliant example of {id}.md raises {id} after docs-fixture.sql");

        foreach (var statement in reported)
        {
            using var database = TestPostgres.CreateDatabase("hazard_" + id.ToLowerInvariant());
            using (var setup = database.Open())
            {
                Execute(setup, Fixture);
            }

            var preceding = tree.Statements.Where(s => s.Ordinal < statement.Ordinal && s.Root?.NodeCase != Node.NodeOneofCase.TransactionStmt).ToList();
            if (Preparations.GetValueOrDefault(id) is { } preparation)
            {
                using var connection = database.Open();
                var failure = FluentActions.Invoking(() => Observe(database, preceding, statement)).Should().Throw<PostgresException>($"{id}'s example fails on the fixture").Which;
                failure.SqlState.Should().Be(preparation.ErrorWithout, $"{id}'s example fails on the fixture for the reason the rule gives: {failure.MessageText}");
                Execute(connection, preparation.Sql);
            }

            var observed = Observe(database, preceding, statement);
            TestContext.Out.WriteLine($"{id} `{statement.Text.Trim()}` on {observed.Table}: {observed}");
            Check(hazard, observed, $"{id}'s hazard is {hazard}; PostgreSQL shows {observed} on {observed.Table} for `{statement.Text.Trim()}`");
        }
    }

    private static void Check(MigrationHazard hazard, Observation observed, string because)
    {
        observed.Lock.Should().Be(hazard.Lock, because);
        switch (hazard.Effect)
        {
            case TableEffect.DataLoss:
                (observed.Gone || (observed.Rewritten && observed.RowsAfter == 0)).Should().BeTrue(because + " (the table is dropped, or emptied into a new relation file)");
                observed.RowsBefore.Should().BePositive("the fixture gives the table rows to lose");
                break;
            case TableEffect.Rewrite:
                observed.Gone.Should().BeFalse(because);
                observed.Rewritten.Should().BeTrue(because + " (a rewrite writes a new relation file)");
                observed.RowsAfter.Should().Be(observed.RowsBefore, because + " (a rewrite keeps the rows)");
                break;
            case TableEffect.Scan:
                observed.Gone.Should().BeFalse(because);
                observed.Rewritten.Should().BeFalse(because + " (a scan leaves the relation file in place)");
                observed.RowsAfter.Should().Be(observed.RowsBefore, because);
                observed.Read.Should().NotBeNull(because + " (the server must be able to count the rows read)");
                observed.Read!.Scans.Should().BePositive(because + " (the table is scanned)");
                observed.Read.Tuples.Should().BeGreaterThanOrEqualTo(observed.RowsBefore, because + " (every row is read)");
                break;
            case TableEffect.MetadataOnly:
                observed.Gone.Should().BeFalse(because);
                observed.Rewritten.Should().BeFalse(because + " (no new relation file)");
                observed.RowsAfter.Should().Be(observed.RowsBefore, because);
                observed.Read.Should().NotBeNull(because + " (the server must be able to count the rows read)");
                observed.Read!.Scans.Should().Be(0, because + " (the table is not scanned)");
                observed.Read.Tuples.Should().Be(0, because + " (no row is read)");
                break;
            default:
                Assert.Fail($"No check for {hazard.Effect}.");
                break;
        }
    }

    /// <summary>The statements of the example that carry an unsuppressed finding of the rule, linted after the fixture.</summary>
    private static List<SqlStatement> ReportedStatements(string id, SourceText example, SyntaxTree tree)
    {
        var engine = new LintEngine(new LintSettings(new RuleRegistry(BuiltInRules.CreateAnalyzers())));
        var result = engine.Run([new MigrationSetInput("docs", [SourceText.From(Fixture, "0001_docs-fixture.sql"), example])]);
        var findings = result.Documents.Single(d => d.Tree.Path == example.Path).Diagnostics.Where(d => d.Id == id && !d.IsSuppressed).ToList();
        return [.. findings
            .Select(d => tree.Statements.Single(s => s.Span.Start <= d.Location.Span.Start && d.Location.Span.Start < s.Span.End))
            .Distinct()];
    }

    private static Observation Observe(TestDatabase database, List<SqlStatement> preceding, SqlStatement statement)
    {
        using var connection = database.Open();
        var table = TargetTable(connection, statement.Root!);
        var name = TableName(connection, table);
        var relations = StoredRelations(connection, table);
        var before = TakeSnapshot(connection, relations);
        try
        {
            using var transaction = connection.BeginTransaction();
            foreach (var earlier in preceding)
            {
                Execute(connection, earlier.Text);
            }

            var readBefore = ReadsSoFar(connection, relations);
            Execute(connection, statement.Text);
            var mode = HeldLock(connection, table);
            var readAfter = ReadsSoFar(connection, relations);
            var after = TakeSnapshot(connection, relations);
            transaction.Rollback();

            // A dropped table's statistics go with it: rows read are then unknown.
            return new Observation(name, mode, before, after, after.Gone ? null : readAfter - readBefore);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ActiveSqlTransaction)
        {
            // CREATE INDEX CONCURRENTLY, VACUUM and the like: see ObserveOutsideTransaction.
        }

        return ObserveOutsideTransaction(database, preceding, statement, table, relations, before);
    }

    /// <summary>
    /// For a statement PostgreSQL refuses to run in a transaction block: a second session reads the
    /// table in an open transaction (ACCESS SHARE), the statement runs, and if it waits (read from
    /// <c>pg_locks</c>, not granted) the mode it waits for is one that blocks reads, which only
    /// ACCESS EXCLUSIVE does; then the second session lets it go and the statement's effect is read
    /// after it committed. Such a statement's weaker locks (VACUUM looks the table up with ACCESS
    /// SHARE first) pass without waiting, so only an ACCESS EXCLUSIVE claim can be proven this way,
    /// and rows read are not observable (<see cref="Observation.Read"/> is null): outside a
    /// transaction, only Rewrite and DataLoss claims under ACCESS EXCLUSIVE can pass.
    /// </summary>
    private static Observation ObserveOutsideTransaction(TestDatabase database, List<SqlStatement> preceding, SqlStatement statement, uint table, List<uint> relations, Snapshot before)
    {
        using var runner = database.Open();
        using var holder = database.Open();
        foreach (var earlier in preceding)
        {
            Execute(runner, earlier.Text);
        }

        // The example's lock_timeout would end the wait this test arranges on purpose.
        Execute(runner, "SET lock_timeout = 0");
        using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", runner);
        var runnerPid = (int)pid.ExecuteScalar()!;
        var name = TableName(holder, table);

        LockMode? mode;
        using (var transaction = holder.BeginTransaction())
        {
            Execute(holder, $"LOCK TABLE {name} IN ACCESS SHARE MODE");
            var running = new NpgsqlCommand(statement.Text, runner) { CommandTimeout = 120 }.ExecuteNonQueryAsync();
            mode = WaitedLock(holder, runnerPid, table, running);
            transaction.Commit();
            running.GetAwaiter().GetResult();
        }

        var after = TakeSnapshot(holder, relations);
        return new Observation(name, mode, before, after, Read: null);
    }

    private static LockMode? WaitedLock(NpgsqlConnection holder, int runnerPid, uint table, Task running)
    {
        for (var attempt = 0; attempt < 3000 && !running.IsCompleted; attempt++)
        {
            using var command = new NpgsqlCommand("SELECT mode FROM pg_locks WHERE pid = @pid AND locktype = 'relation' AND relation = @table AND NOT granted", holder);
            command.Parameters.AddWithValue("pid", runnerPid);
            command.Parameters.AddWithValue("table", NpgsqlTypes.NpgsqlDbType.Oid, table);
            if (command.ExecuteScalar() is string mode)
            {
                return ParseMode(mode);
            }

            Thread.Sleep(20);
        }

        return null;
    }

    /// <summary>
    /// The table the statement works on: its relation, for an index the index's table, for ATTACH
    /// PARTITION the partition being attached (the one that is scanned), for a domain the first table
    /// with a column of that domain.
    /// </summary>
    private static uint TargetTable(NpgsqlConnection connection, Node statement)
    {
        if (statement.AlterDomainStmt is { } domain)
        {
            using var usage = new NpgsqlCommand(
                """
                SELECT a.attrelid FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
                WHERE a.atttypid = to_regtype(@domain) AND c.relkind IN ('r', 'p') AND NOT a.attisdropped
                ORDER BY c.relname LIMIT 1
                """,
                connection);
            usage.Parameters.AddWithValue("domain", domain.TypeName.ToQualifiedName().ToString());
            return usage.ExecuteScalar() is uint user ? user : throw new AssertionException($"no table in docs-fixture.sql uses the domain of `{statement}`.");
        }

        var name = statement.NodeCase switch
        {
            Node.NodeOneofCase.AlterTableStmt when statement.AlterTableStmt.Cmds is [{ AlterTableCmd: { Subtype: AlterTableType.AtAttachPartition } attach }] =>
                attach.Def.PartitionCmd.Name.ToQualifiedName(),
            Node.NodeOneofCase.IndexStmt => statement.IndexStmt.Relation.ToQualifiedName(),
            Node.NodeOneofCase.AlterTableStmt => statement.AlterTableStmt.Relation.ToQualifiedName(),
            Node.NodeOneofCase.ReindexStmt => statement.ReindexStmt.Relation.ToQualifiedName(),
            Node.NodeOneofCase.TruncateStmt => statement.TruncateStmt.Relations[0].RangeVar.ToQualifiedName(),
            Node.NodeOneofCase.VacuumStmt => statement.VacuumStmt.Rels[0].VacuumRelation.Relation.ToQualifiedName(),
            Node.NodeOneofCase.ClusterStmt => statement.ClusterStmt.Relation.ToQualifiedName(),
            Node.NodeOneofCase.RefreshMatViewStmt => statement.RefreshMatViewStmt.Relation.ToQualifiedName(),
            Node.NodeOneofCase.CreateTrigStmt => statement.CreateTrigStmt.Relation.ToQualifiedName(),
            Node.NodeOneofCase.RenameStmt => statement.RenameStmt.Relation.ToQualifiedName(),
            Node.NodeOneofCase.DropStmt => statement.DropStmt.Objects[0].List.Items.ToQualifiedName(),
            _ => throw new AssertionException($"No target table known for a {statement.NodeCase}; teach TargetTable about it."),
        };

        using var command = new NpgsqlCommand(
            """
            SELECT coalesce(i.indrelid, c.oid)
            FROM pg_class AS c LEFT JOIN pg_index AS i ON i.indexrelid = c.oid
            WHERE c.oid = to_regclass(@name)
            """,
            connection);
        command.Parameters.AddWithValue("name", name.ToString());
        return command.ExecuteScalar() is uint oid ? oid : throw new AssertionException($"{name} is not in docs-fixture.sql.");
    }

    /// <summary>The table and, for a partitioned table, its partitions: the relations that hold its rows.</summary>
    private static List<uint> StoredRelations(NpgsqlConnection connection, uint table)
    {
        using var command = new NpgsqlCommand("SELECT relid::oid FROM pg_partition_tree(@table) WHERE isleaf", connection);
        command.Parameters.AddWithValue("table", NpgsqlTypes.NpgsqlDbType.Oid, table);
        using var reader = command.ExecuteReader();
        var relations = new List<uint>();
        while (reader.Read())
        {
            relations.Add(reader.GetFieldValue<uint>(0));
        }

        return relations.Count == 0 ? [table] : relations;
    }

    private static Snapshot TakeSnapshot(NpgsqlConnection connection, List<uint> relations)
    {
        var fileNodes = new List<uint>();
        var rows = 0L;
        foreach (var relation in relations)
        {
            using var command = new NpgsqlCommand("SELECT relfilenode, oid::regclass::text FROM pg_class WHERE oid = @oid", connection);
            command.Parameters.AddWithValue("oid", NpgsqlTypes.NpgsqlDbType.Oid, relation);
            string name;
            using (var reader = command.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return new Snapshot(Gone: true, [], 0);
                }

                fileNodes.Add(reader.GetFieldValue<uint>(0));
                name = reader.GetString(1);
            }

            using var count = new NpgsqlCommand($"SELECT count(*) FROM ONLY {name}", connection);
            rows += (long)count.ExecuteScalar()!;
        }

        return new Snapshot(Gone: false, fileNodes, rows);
    }

    /// <summary>Rows this transaction has read from the relations so far, by sequential and index scans.</summary>
    private static Reads ReadsSoFar(NpgsqlConnection connection, List<uint> relations)
    {
        using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0)::bigint, coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0)::bigint FROM pg_stat_xact_user_tables WHERE relid = ANY(@relations)",
            connection);
        command.Parameters.AddWithValue("relations", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid, relations.ToArray());
        using var reader = command.ExecuteReader();
        reader.Read();
        return new Reads(reader.GetInt64(0), reader.GetInt64(1));
    }

    private static LockMode? HeldLock(NpgsqlConnection connection, uint table)
    {
        using var command = new NpgsqlCommand("SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND relation = @table AND granted", connection);
        command.Parameters.AddWithValue("table", NpgsqlTypes.NpgsqlDbType.Oid, table);
        using var reader = command.ExecuteReader();
        LockMode? strongest = null;
        while (reader.Read())
        {
            var mode = ParseMode(reader.GetString(0));
            strongest = strongest is null || mode > strongest ? mode : strongest;
        }

        return strongest;
    }

    private static LockMode ParseMode(string mode) => Enum.Parse<LockMode>(mode.Replace("Lock", string.Empty, StringComparison.Ordinal));

    private static string TableName(NpgsqlConnection connection, uint table)
    {
        using var command = new NpgsqlCommand("SELECT @table::regclass::text", connection);
        command.Parameters.AddWithValue("table", NpgsqlTypes.NpgsqlDbType.Oid, table);
        return (string)command.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string NonCompliantExample(string id)
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "rules", id + ".md")).ReplaceLineEndings("\n");
        var start = page.IndexOf("\n## Non-compliant\n", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"{id}.md has a Non-compliant section");
        var open = page.IndexOf("```sql\n", start, StringComparison.Ordinal) + "```sql\n".Length;
        var close = page.IndexOf("\n```", open, StringComparison.Ordinal);
        return page[open..(close + 1)];
    }

    private sealed record Snapshot(bool Gone, List<uint> FileNodes, long Rows);

    private sealed record Preparation(string Sql, string ErrorWithout);

    /// <summary>Scans started on the relations and rows read from them.</summary>
    private sealed record Reads(long Scans, long Tuples)
    {
        public static Reads operator -(Reads after, Reads before) => new(after.Scans - before.Scans, after.Tuples - before.Tuples);
    }

    /// <summary>What the server showed for one statement on one table.</summary>
    private sealed record Observation(string Table, LockMode? Lock, Snapshot Before, Snapshot After, Reads? Read)
    {
        public bool Gone => After.Gone;

        public bool Rewritten => !After.Gone && !After.FileNodes.SequenceEqual(Before.FileNodes);

        public long RowsBefore => Before.Rows;

        public long RowsAfter => After.Rows;

        public override string ToString() =>
            $"{Lock?.ToSql() ?? "no lock"}, {(Gone ? "dropped" : Rewritten ? "new relfilenode" : "same relfilenode")}, rows {RowsBefore} → {RowsAfter}, {(Read is null ? "rows read unknown" : $"{Read.Scans} scans reading {Read.Tuples} rows")}";
    }
}
