using System.Collections.Immutable;
using Npgsql;
using PgLint.Rules.Tests.Live;
using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Performance;

/// <summary>
/// Each case runs a real workload through Npgsql (parameters travel as <c>$n</c>, as an application's
/// do) on a database of its own, after resetting only that database's <c>pg_stat_statements</c>
/// entries, and lints the database as <c>pglint db --enable PG2021</c> does.
/// </summary>
public sealed class NPlusOnePatternTests
{
    private const string Schema = """
        CREATE EXTENSION pg_stat_statements;
        CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, total numeric NOT NULL);
        CREATE INDEX orders_customer_id_idx ON orders (customer_id);
        CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
        INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 200) g;
        INSERT INTO orders SELECT g, g, g * 10 FROM generate_series(1, 200) g;
        INSERT INTO settings VALUES ('currency', 'EUR');
        """;

    private const string ListOrders = "SELECT id, customer_id, total FROM orders WHERE total > $1 ORDER BY id";
    private const string FindCustomer = "SELECT name FROM customers WHERE id = $1";
    private const string ListOrdersWithCustomers = "SELECT o.id, o.total, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > $1 ORDER BY o.id";
    private const string FindSetting = "SELECT value FROM settings WHERE key = $1";

    private TestDatabase _loop = null!;
    private TestDatabase _join = null!;
    private TestDatabase _config = null!;
    private ImmutableArray<Diagnostic> _loopFindings;

    [OneTimeSetUp]
    public void Run()
    {
        // 10 pages of 200 orders, each followed by one customer lookup per order: 2000 lookups, 10 lists.
        _loop = Seed("nplusone", connection =>
        {
            for (var page = 0; page < 10; page++)
            {
                foreach (var customer in Column(connection, ListOrders, 0m, column: 1))
                {
                    Column(connection, FindCustomer, customer, column: 0).Should().ContainSingle();
                }
            }
        });
        _loopFindings = PG2021(_loop);

        // The same 2000 order lines with their customer's name, fetched by one join per page.
        _join = Seed("nplusonejoin", connection =>
        {
            for (var page = 0; page < 10; page++)
            {
                Column(connection, ListOrdersWithCustomers, 0m, column: 2).Should().HaveCount(200);
            }
        });

        // A setting read on each of 1500 requests, and an order list of 200 rows read 10 times: the counts
        // happen to fit (1500 lookups, 2000 rows), but no column of the list feeds the setting's key.
        _config = Seed("nplusoneconfig", connection =>
        {
            for (var request = 0; request < 1500; request++)
            {
                Column(connection, FindSetting, "currency", column: 0).Should().ContainSingle();
            }

            for (var page = 0; page < 10; page++)
            {
                Column(connection, ListOrders, 0m, column: 1).Should().HaveCount(200);
            }
        });
    }

    [OneTimeTearDown]
    public void Drop()
    {
        _loop.Dispose();
        _join.Dispose();
        _config.Dispose();
    }

    [Test]
    public void A_lookup_run_once_per_row_of_a_list_is_reported_once_naming_both_queries()
    {
        var finding = _loopFindings.Should().ContainSingle().Subject;
        var lookup = QueryId(_loop, FindCustomer);
        var list = QueryId(_loop, ListOrders);

        finding.Location.Logical.Should().Be(new LogicalLocation("query", $"pg_stat_statements:{lookup}"));
        finding.Message.Should().Be(
            $"Query \"{FindCustomer}\" (queryid {lookup}) ran 2000 times, about once per row of query \"{ListOrders}\" "
            + $"(queryid {list}: 10 calls, 2000 rows), looking up its customer_id in customers.id: "
            + "fetch the rows with a join or in one batch with = ANY($1) instead of one query per row.");
    }

    [Test]
    public void The_same_rows_fetched_by_a_join_are_not_reported() =>
        PG2021(_join).Should().BeEmpty();

    [Test]
    public void A_frequent_lookup_that_no_returned_column_feeds_is_not_reported() =>
        PG2021(_config).Should().BeEmpty();

    [Test]
    public void Without_the_column_requirement_counts_alone_pair_the_lookup_with_any_list() =>
        PG2021(_config, """{ "PG2021": { "requireColumnMatch": false } }""").Should().ContainSingle()
            .Which.Message.Should().StartWith($"Query \"{FindSetting}\"").And.Contain("(queryid").And.NotContain("looking up");

    [Test]
    public void Thresholds_are_options()
    {
        PG2021(_loop, """{ "PG2021": { "minCalls": 2001 } }""").Should().BeEmpty();
        PG2021(_loop, """{ "PG2021": { "callsPerDriverCall": 201 } }""").Should().BeEmpty();
        PG2021(_loop, """{ "PG2021": { "callsPerDriverCall": 200 } }""").Should().ContainSingle();
    }

    [Test]
    public void The_rule_is_off_by_default() =>
        LiveLint.RunWithStatements(_loop, enabled: []).Where(static d => d.Id == "PG2021").Should().BeEmpty();

    private static ImmutableArray<Diagnostic> PG2021(TestDatabase database, string? options = null) =>
        [.. LiveLint.RunWithStatements(database, ["PG2021"], options).Where(static d => d.Id == "PG2021")];

    private static TestDatabase Seed(string purpose, Action<NpgsqlConnection> workload)
    {
        var database = TestPostgres.CreateDatabase(purpose);
        LiveLint.Seed(database, Schema).Should().BeEmpty();
        using var connection = database.Open();
        Column(connection, "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)", null, column: 0);
        workload(connection);
        return database;
    }

    private static List<object> Column(NpgsqlConnection connection, string sql, object? parameter, int column)
    {
        using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        using var reader = command.ExecuteReader();
        var values = new List<object>();
        while (reader.Read())
        {
            values.Add(reader.GetValue(column));
        }

        return values;
    }

    private static long QueryId(TestDatabase database, string query)
    {
        using var connection = database.Open();
        using var command = new NpgsqlCommand("SELECT queryid FROM pg_stat_statements WHERE query = $1 AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = query });
        return (long)command.ExecuteScalar()!;
    }
}
