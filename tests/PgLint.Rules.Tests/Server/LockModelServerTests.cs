using Npgsql;
using PgLint.Syntax;

namespace PgLint.Rules.Tests.Server;

/// <summary>
/// The lock model (<see cref="Locks.Acquired"/>) that the migration-safety rules state in their
/// messages, checked against PostgreSQL 15 itself: each statement runs in a transaction that is
/// rolled back, and the locks its own backend holds (<c>pg_locks</c>) must be exactly the model's on
/// every relation the model names, and no stronger than a read lock on any other table.
/// </summary>
[NonParallelizable]
public sealed class LockModelServerTests
{
    private const string Schema = """
        CREATE TABLE customers (id bigint PRIMARY KEY, email text);
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, status text, total numeric(12, 2));
        CREATE INDEX orders_status_idx ON orders (status);
        ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
        CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
        CREATE UNIQUE INDEX order_totals_customer_key ON order_totals (customer_id);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
        CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
        """;

    private static readonly string[] Statements =
    [
        "CREATE INDEX orders_customer_idx ON orders (customer_id)",
        "CREATE UNIQUE INDEX orders_id_status_key ON orders (id, status)",
        "DROP INDEX orders_status_idx",
        "REINDEX INDEX orders_status_idx",
        "REINDEX TABLE orders",
        "ALTER TABLE orders ADD COLUMN note text",
        "ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now()",
        "ALTER TABLE orders ALTER COLUMN status SET NOT NULL",
        "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL",
        "ALTER TABLE orders ALTER COLUMN status TYPE varchar(20)",
        "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new'",
        "ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500",
        "ALTER TABLE orders SET (fillfactor = 70)",
        "ALTER TABLE orders SET (autovacuum_vacuum_scale_factor = 0.01)",
        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID",
        "ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status <> '') NOT VALID",
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check",
        "ALTER TABLE orders DROP CONSTRAINT orders_total_check",
        "ALTER TABLE orders DISABLE TRIGGER orders_touch",
        "ALTER TABLE orders ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE orders RENAME COLUMN status TO state",
        "ALTER TABLE orders RENAME TO purchases",
        "ALTER INDEX orders_status_idx RENAME TO orders_state_idx",
        "ALTER TABLE orders CLUSTER ON orders_pkey",
        "CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
        "CREATE POLICY orders_owner ON orders USING (true)",
        "CREATE STATISTICS orders_stats ON customer_id, status FROM orders",
        "COMMENT ON TABLE orders IS 'orders placed'",
        "COMMENT ON COLUMN orders.status IS 'state'",
        "TRUNCATE orders",
        "DROP TABLE customers",
        "CLUSTER orders USING orders_pkey",
        "REFRESH MATERIALIZED VIEW order_totals",
        "REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals",
        "LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE",
        "ALTER TABLE events DETACH PARTITION events_2023",
        "INSERT INTO orders (id, customer_id) VALUES (1, 1)",
        "UPDATE orders SET status = 'paid' WHERE id = 1",
        "DELETE FROM orders WHERE id = 1",
    ];

    private static ScratchDatabase _database = null!;
    private static Catalog _catalog = null!;

    [OneTimeSetUp]
    public static void CreateSchema()
    {
        _database = PostgresServer.CreateDatabase("locks");
        using var connection = _database.Open();
        using var command = new NpgsqlCommand(Schema, connection);
        command.ExecuteNonQuery();

        var registry = new RuleRegistry([]);
        _catalog = new LintEngine(new LintSettings(registry)).Run([new MigrationSetInput("schema", [SourceText.From(Schema, "schema.sql")])]).Catalogs[0].Catalog;
    }

    [OneTimeTearDown]
    public static void DropDatabase() => _database?.Dispose();

    [TestCaseSource(nameof(Statements))]
    public void The_model_names_the_locks_PostgreSQL_takes(string sql)
    {
        var statement = SqlParser.Parse(SourceText.From(sql)).Statements.Single();
        var model = Locks.Acquired(statement.Root!, _catalog)
            .ToDictionary(static l => l.Relation.Name, static l => l.Mode);

        var server = ServerLocks(sql);

        foreach (var (relation, mode) in model)
        {
            server.Should().ContainKey(relation, $"PostgreSQL locks {relation} for: {sql}");
            server[relation].Mode.Should().Be(mode, $"the mode on {relation} for: {sql}");
        }

        foreach (var (relation, mode) in server.Where(s => !model.ContainsKey(s.Key) && s.Value.IsTable))
        {
            mode.Mode.Should().BeOneOf([LockMode.AccessShare, LockMode.RowShare], $"the model does not name {relation}, which PostgreSQL locks in {mode.Mode} for: {sql}");
        }

        TestContext.Out.WriteLine($"{sql}: {string.Join(", ", server.Select(static s => $"{s.Key} {s.Value.Mode}"))}");
    }

    [Test]
    public void Drop_cascade_also_takes_access_exclusive_on_dependent_objects_that_the_model_does_not_name()
    {
        var statement = SqlParser.Parse(SourceText.From("DROP TABLE orders CASCADE")).Statements.Single();

        var model = Locks.Acquired(statement.Root!, _catalog);
        var server = ServerLocks("DROP TABLE orders CASCADE");

        model.Should().ContainSingle().Which.Relation.Name.Should().Be("orders");
        server["orders"].Mode.Should().Be(LockMode.AccessExclusive);
        server["order_totals"].Mode.Should().Be(LockMode.AccessExclusive, "the materialized view over orders is dropped with it");
    }

    /// <summary>The strongest lock the backend holds on each relation of the public schema after running the statement.</summary>
    private static Dictionary<string, ServerLock> ServerLocks(string sql)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();

        // Relations are named as they were before the statement: it may rename or drop them.
        var before = new Dictionary<uint, (string Name, bool IsTable)>();
        using (var relations = new NpgsqlCommand("SELECT oid, relname, relkind::text FROM pg_class WHERE relnamespace = 'public'::regnamespace", connection, transaction))
        using (var reader = relations.ExecuteReader())
        {
            while (reader.Read())
            {
                before[reader.GetFieldValue<uint>(0)] = (reader.GetString(1), reader.GetString(2) is "r" or "p" or "m" or "v");
            }
        }

        using (var statement = new NpgsqlCommand(sql, connection, transaction))
        {
            statement.ExecuteNonQuery();
        }

        using var query = new NpgsqlCommand(
            "SELECT relation, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted AND relation IS NOT NULL",
            connection,
            transaction);
        var locks = new Dictionary<string, ServerLock>(StringComparer.Ordinal);
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                if (!before.TryGetValue(reader.GetFieldValue<uint>(0), out var relation))
                {
                    continue;
                }

                var mode = Enum.Parse<LockMode>(reader.GetString(1).Replace("Lock", string.Empty, StringComparison.Ordinal));
                if (!locks.TryGetValue(relation.Name, out var existing) || existing.Mode < mode)
                {
                    locks[relation.Name] = new ServerLock(mode, relation.IsTable);
                }
            }
        }

        transaction.Rollback();
        return locks;
    }

    private sealed record ServerLock(LockMode Mode, bool IsTable);
}
