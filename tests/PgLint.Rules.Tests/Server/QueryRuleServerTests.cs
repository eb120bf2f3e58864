using Npgsql;
using PgLint.Rules.Correctness;
using PgLint.Rules.Performance;
using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Server;

/// <summary>
/// The query rules that claim what PostgreSQL does with a query, checked on PostgreSQL 15: PG2003
/// reports a comparison exactly when the plan cannot use the column's index (with sequential scans
/// disabled, the plan still has no index scan), and PG6015 reports a query exactly when the server
/// rejects it as ambiguous (SQLSTATE 42702).
/// </summary>
[NonParallelizable]
public sealed class QueryRuleServerTests
{
    private const string Schema = """
        CREATE TABLE orders (
            id bigint PRIMARY KEY, quantity integer NOT NULL, amount numeric(12,2) NOT NULL,
            code varchar(20) NOT NULL, region char(2) NOT NULL, note text, customer_id bigint NOT NULL,
            placed_on date NOT NULL, placed_at timestamp NOT NULL, ratio real);
        CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, note text);
        CREATE INDEX orders_quantity ON orders (quantity);
        CREATE INDEX orders_amount ON orders (amount);
        CREATE INDEX orders_code ON orders (code);
        CREATE INDEX orders_region ON orders (region);
        CREATE INDEX orders_placed_on ON orders (placed_on);
        CREATE INDEX orders_placed_at ON orders (placed_at);
        CREATE INDEX orders_ratio ON orders (ratio);
        CREATE INDEX orders_note ON orders (note);

        """;

    private static TestDatabase _database = null!;

    [OneTimeSetUp]
    public static void CreateSchema()
    {
        _database = TestPostgres.CreateDatabase("queries");
        using var connection = _database.Open();
        using var command = new NpgsqlCommand(Schema, connection);
        command.ExecuteNonQuery();
    }

    [OneTimeTearDown]
    public static void DropDatabase() => _database?.Dispose();

    [TestCase("id = 1.5", true)]
    [TestCase("quantity = 1::numeric", true)]
    [TestCase("quantity = 1.5::double precision", true)]
    [TestCase("quantity = 1.5::real", true)]
    [TestCase("quantity IN (1, 2.5)", true)]
    [TestCase("id = 99999999999999999999", true)]
    [TestCase("amount > 10::float8", true)]
    [TestCase("code = 'x'::char(3)", true)]
    [TestCase("region = 'x'::text", true)]
    [TestCase("quantity = random()", true)]
    [TestCase("id = 1", false)]
    [TestCase("quantity = 10000000000", false)]
    [TestCase("quantity IN (1, 2)", false)]
    [TestCase("amount = 1", false)]
    [TestCase("ratio = 1.5", false)]
    [TestCase("ratio = 1.5::double precision", false)]
    [TestCase("code = 'x'::text", false)]
    [TestCase("note = 'x'::varchar", false)]
    [TestCase("region = 'x'::varchar", false)]
    [TestCase("placed_on = now()", false)]
    [TestCase("placed_at < now()", false)]
    [TestCase("placed_on > '2024-01-01'::timestamp", false)]
    [TestCase("quantity = '1'", false)]
    public void PG2003_reports_what_keeps_the_index_out_of_the_plan(string condition, bool reported)
    {
        var query = $"SELECT id FROM orders WHERE {condition}";
        Lint(new ImplicitCastOnColumn(), query).Should().Be(reported, query);

        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using (var off = new NpgsqlCommand("SET LOCAL enable_seqscan = off", connection, transaction))
        {
            off.ExecuteNonQuery();
        }

        using var explain = new NpgsqlCommand("EXPLAIN (COSTS OFF) " + query, connection, transaction);
        using var reader = explain.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(0));
        }

        plan.Any(static line => line.Contains("Index Cond", StringComparison.Ordinal)).Should().Be(!reported, string.Join('\n', plan));
    }

    [TestCase("SELECT name, note FROM customers c JOIN orders o ON o.customer_id = c.id", true)]
    [TestCase("UPDATE orders SET amount = 0 FROM customers WHERE customer_id = customers.id AND note = 'x'", true)]
    [TestCase("DELETE FROM orders USING customers WHERE customers.id = customer_id AND note = 'x'", true)]
    [TestCase("SELECT id FROM customers JOIN orders USING (id) JOIN customers c2 ON c2.name = 'x'", true)]
    [TestCase("SELECT c.id FROM customers c JOIN orders o ON note = 'x'", true)]
    [TestCase("SELECT 1 FROM customers c JOIN (SELECT id, customer_id FROM orders) o ON o.customer_id = c.id GROUP BY id", true)]
    [TestCase("WITH recent AS (SELECT customer_id AS id FROM orders) SELECT id FROM customers c JOIN recent r ON r.id = c.id", true)]
    [TestCase("SELECT name, amount, c.note FROM customers c JOIN orders o ON o.customer_id = c.id", false)]
    [TestCase("SELECT id, name FROM customers JOIN orders USING (id)", false)]
    [TestCase("SELECT note FROM customers NATURAL JOIN orders", false)]
    [TestCase("SELECT c.id AS note FROM customers c JOIN orders o ON o.customer_id = c.id ORDER BY note", false)]
    [TestCase("SELECT id FROM customers c JOIN (SELECT customer_id, amount FROM orders) o ON o.customer_id = c.id", false)]
    public void PG6015_reports_what_the_server_rejects_as_ambiguous(string query, bool reported)
    {
        Lint(new AmbiguousColumnReference(), query).Should().Be(reported, query);

        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = new NpgsqlCommand(query, connection, transaction);
        var rejected = false;
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.AmbiguousColumn)
        {
            rejected = true;
        }

        rejected.Should().Be(reported, query);
    }

    private static bool Lint(Analyzer analyzer, string query) =>
        TestLint.IdsPerFile(analyzer, Schema + query + ";")[0].Length > 0;
}
