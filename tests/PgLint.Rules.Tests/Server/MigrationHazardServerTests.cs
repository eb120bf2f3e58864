using Npgsql;
using PgLint.Rules.MigrationSafety;
using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Server;

/// <summary>
/// The hazards that PG1005, PG1007, PG1011, PG1012, PG1014, PG1031 and PG1045 state in their descriptors, and the
/// conditions under which they stay silent, checked on PostgreSQL 15: each statement runs in a transaction that is
/// rolled back; the lock on the reported table comes from <c>pg_locks</c>, a rewrite from <c>relfilenode</c>, and a
/// scan that PostgreSQL skips from its DEBUG1 messages ("… is implied by existing constraints").
/// </summary>
[NonParallelizable]
public sealed class MigrationHazardServerTests
{
    private const string Schema = """
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, number text, status varchar(20), quantity int);
        INSERT INTO orders SELECT g, g % 10, g::text, 'new', g FROM generate_series(1, 100) AS g;
        CREATE TABLE payments (id bigint, amount numeric(12, 2));
        INSERT INTO payments SELECT g, g FROM generate_series(1, 100) AS g;
        CREATE UNIQUE INDEX payments_id_key ON payments (id);
        CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
        CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
        INSERT INTO events SELECT g, DATE '2023-01-01' + g FROM generate_series(1, 100) AS g;
        CREATE TABLE events_2024 (id bigint NOT NULL, at date NOT NULL);
        INSERT INTO events_2024 SELECT g, DATE '2024-01-01' + g FROM generate_series(1, 100) AS g;
        CREATE TABLE logs (id bigint, at date) PARTITION BY RANGE (at);
        CREATE TABLE logs_2024 (id bigint, at date);
        INSERT INTO logs_2024 SELECT g, DATE '2024-01-01' + g FROM generate_series(1, 100) AS g;
        """;

    private static TestDatabase _database = null!;

    [OneTimeSetUp]
    public static void CreateSchema()
    {
        _database = TestPostgres.CreateDatabase("hazards");
        using var connection = _database.Open();
        using var command = new NpgsqlCommand(Schema, connection);
        command.ExecuteNonQuery();
    }

    [OneTimeTearDown]
    public static void DropDatabase() => _database?.Dispose();

    public static IEnumerable<TestCaseData> Claims()
    {
        yield return Claim(new AddColumnVolatileDefault(), "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()", "orders");
        yield return Claim(new SetNotNull(), "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL", "orders");
        yield return Claim(new AddUniqueConstraintBuildsIndex(), "ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE (number)", "orders");
        yield return Claim(new PrimaryKeyOnNullableColumns(), "ALTER TABLE payments ADD CONSTRAINT payments_pkey PRIMARY KEY USING INDEX payments_id_key", "payments");
        yield return Claim(new ChangeColumnType(), "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint", "orders");
        yield return Claim(new AttachPartitionWithoutCheck(), "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", "events_2024");
        yield return Claim(new IndexOnPartitionedTable(), "CREATE INDEX events_id_idx ON events (id)", "events");
    }

    [TestCaseSource(nameof(Claims))]
    public void The_descriptor_states_the_lock_and_the_effect_PostgreSQL_shows(Analyzer analyzer, string sql, string table)
    {
        var rule = analyzer.SupportedDiagnostics.Single();
        var hazard = rule.Hazard!;
        TestLint.IdsPerFile(analyzer, Schema, sql)[1].Should().Equal([rule.Id], "the rule reports the statement after the schema");
        var (locks, fileNodeBefore, fileNodeAfter, _) = Run(sql, table);

        locks.Should().ContainKey(table, $"PostgreSQL locks {table} for: {sql}");
        locks[table].Should().Be(hazard.Lock, $"{rule.Id} claims {hazard} on {table}");
        (fileNodeBefore != fileNodeAfter).Should().Be(hazard.Effect == TableEffect.Rewrite, $"{rule.Id} claims {hazard}; relfilenode {fileNodeBefore} → {fileNodeAfter}");
    }

    [Test]
    public void Attach_partition_takes_share_update_exclusive_on_the_parent() =>
        Run("ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", "events_2024")
            .Locks["events"].Should().Be(LockMode.ShareUpdateExclusive);

    [Test]
    public void Index_on_a_partitioned_table_also_takes_share_on_every_partition() =>
        Run("CREATE INDEX events_id_idx ON events (id)", "events").Locks["events_2023"].Should().Be(LockMode.Share);

    [Test]
    public void Index_on_a_partitioned_table_cannot_be_built_concurrently()
    {
        using var connection = _database.Open();
        using var command = new NpgsqlCommand("CREATE INDEX CONCURRENTLY events_id_idx ON events (id)", connection);

        var act = () => command.ExecuteNonQuery();

        act.Should().Throw<PostgresException>().Which.MessageText.Should().Contain("partitioned");
    }

    // PG1007: on PostgreSQL 12 and later a validated CHECK (col IS NOT NULL) proves the column has no NULL, a NOT VALID one does not.
    [TestCase("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null CHECK (customer_id IS NOT NULL)", true)]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null CHECK (customer_id IS NOT NULL) NOT VALID", false)]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null CHECK (customer_id IS NOT NULL) NOT VALID; ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_not_null", true)]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT orders_quantity_not_null CHECK (quantity IS NOT NULL)", false)]
    public void Set_not_null_skips_its_scan_only_after_a_validated_not_null_check(string setup, bool skipped)
    {
        var (_, _, _, messages) = Run("ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL", "orders", setup);

        messages.Any(static m => m.Contains("sufficient to prove", StringComparison.Ordinal)).Should().Be(skipped, string.Join(Environment.NewLine, messages));
    }

    // PG1031: the CHECK patterns the rule accepts as matching the bound are the ones PostgreSQL proves it from.
    [TestCase("events", "ALTER TABLE events_2024 ADD CONSTRAINT events_2024_bound CHECK (at >= DATE '2024-01-01' AND at < DATE '2025-01-01')", true)]
    [TestCase("events", "ALTER TABLE events_2024 ADD CONSTRAINT events_2024_bound CHECK (at >= '2024-01-01' AND at < '2025-01-01') NOT VALID", false)]
    [TestCase("events", "ALTER TABLE events_2024 ADD CONSTRAINT events_2024_bound CHECK (at >= '2024-01-01' AND at < '2024-07-01')", true)]
    [TestCase("events", "SELECT 1", false)]
    [TestCase("logs", "ALTER TABLE logs_2024 ADD CONSTRAINT logs_2024_bound CHECK (at >= '2024-01-01' AND at < '2025-01-01')", false)]
    [TestCase("logs", "ALTER TABLE logs_2024 ADD CONSTRAINT logs_2024_bound CHECK (at IS NOT NULL AND at >= '2024-01-01' AND at < '2025-01-01')", true)]
    [TestCase("logs", "ALTER TABLE logs_2024 ADD CONSTRAINT logs_2024_bound CHECK (at >= '2024-01-01' AND at < '2025-01-01'); ALTER TABLE logs_2024 ALTER COLUMN at SET NOT NULL", true)]
    public void Attach_partition_skips_its_scan_when_a_validated_check_implies_the_bound(string parent, string setup, bool skipped)
    {
        var sql = $"ALTER TABLE {parent} ATTACH PARTITION {parent}_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')";
        var (_, _, _, messages) = Run(sql, parent + "_2024", setup);

        messages.Any(static m => m.Contains("is implied by existing constraints", StringComparison.Ordinal)).Should().Be(skipped, string.Join(Environment.NewLine, messages));
    }

    private static TestCaseData Claim(Analyzer analyzer, string sql, string table) =>
        new TestCaseData(analyzer, sql, table).SetArgDisplayNames(analyzer.SupportedDiagnostics[0].Id);

    /// <summary>Runs the setup and the statement in a transaction that is rolled back; the statement's locks by table, the table's relfilenode before and after, and the server's DEBUG1 messages.</summary>
    private static (Dictionary<string, LockMode> Locks, uint Before, uint After, List<string> Messages) Run(string sql, string table, string? setup = null)
    {
        using var connection = _database.Open();
        var messages = new List<string>();
        connection.Notice += (_, e) => messages.Add(e.Notice.MessageText);
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, setup ?? "SELECT 1");
        var before = FileNode(connection, transaction, table);
        Execute(connection, transaction, "SET LOCAL client_min_messages = debug1");
        messages.Clear();
        Execute(connection, transaction, sql);
        Execute(connection, transaction, "SET LOCAL client_min_messages = notice");
        var after = FileNode(connection, transaction, table);

        var locks = new Dictionary<string, LockMode>(StringComparer.Ordinal);
        using (var query = new NpgsqlCommand(
            "SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND c.relnamespace = 'public'::regnamespace",
            connection,
            transaction))
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                var mode = Enum.Parse<LockMode>(reader.GetString(1).Replace("Lock", string.Empty, StringComparison.Ordinal));
                var name = reader.GetString(0);
                if (!locks.TryGetValue(name, out var existing) || existing < mode)
                {
                    locks[name] = mode;
                }
            }
        }

        transaction.Rollback();
        return (locks, before, after, messages);
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private static uint FileNode(NpgsqlConnection connection, NpgsqlTransaction transaction, string table)
    {
        using var command = new NpgsqlCommand($"SELECT relfilenode FROM pg_class WHERE oid = '{table}'::regclass", connection, transaction);
        return (uint)command.ExecuteScalar()!;
    }
}
