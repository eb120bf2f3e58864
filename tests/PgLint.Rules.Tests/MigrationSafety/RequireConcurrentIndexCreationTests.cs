using PgLint.Rules.MigrationSafety;
using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.RequireConcurrentIndexCreation>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class RequireConcurrentIndexCreationTests
{
    [Test]
    public void Index_on_an_existing_table_without_concurrently_is_reported() =>
        Verifier.Verify(
            "[|CREATE INDEX orders_customer_id_idx ON orders|] (customer_id);",
            new VerifyOptions
            {
                ExpectedMessages = ["Creating index orders_customer_id_idx on orders without CONCURRENTLY holds a SHARE lock that blocks writes to orders for the whole build."],
            });

    [Test]
    public void Unique_unnamed_index_on_a_qualified_table_is_reported_up_to_the_table_name() =>
        Verifier.Verify(
            """
            SET lock_timeout = '2s';
                [|CREATE UNIQUE INDEX ON sales."Orders"|] (lower(email))
                    WHERE deleted_at IS NULL;
            """,
            new VerifyOptions { ExpectedMessages = ["Creating an index on sales.\"Orders\" without CONCURRENTLY holds a SHARE lock that blocks writes to sales.\"Orders\" for the whole build."] });

    [Test]
    public void Concurrent_index_is_not_reported() =>
        Verifier.Verify("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);");

    [Test]
    public void Index_on_a_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
            CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
            """);

    [Test]
    public void Index_on_a_table_created_in_an_earlier_file_of_the_set_is_reported() =>
        TestLint.IdsPerFile(
            new RequireConcurrentIndexCreation(),
            "CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint NOT NULL);",
            "CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);")
            .Should().BeEquivalentTo([Array.Empty<string>(), ["PG1001"]], static o => o.WithStrictOrdering());

    [Test]
    public void Index_on_a_table_from_a_preceding_file_is_reported_through_the_verifier() =>
        Verifier.Verify(
            "[|CREATE INDEX invoices_customer_id_idx ON invoices|] (customer_id);",
            new VerifyOptions { PrecedingFiles = ["CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint NOT NULL);"] });

    [Test]
    public void Index_on_a_partitioned_table_is_left_to_PG1045() =>
        Verifier.Verify(
            "CREATE INDEX events_at_idx ON events (at);",
            new VerifyOptions { PrecedingFiles = ["CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);"] });

    [Test]
    public void Index_created_as_an_element_of_create_schema_is_not_reported() =>
        Verifier.Verify("CREATE SCHEMA billing CREATE TABLE invoices (id bigint) CREATE INDEX invoices_id_idx ON invoices (id);");

    [Test]
    public void Each_index_statement_is_reported_on_its_own_line() =>
        Verifier.Verify(
            """
            [|CREATE INDEX a_idx ON orders|] (a);
            SELECT 1; [|CREATE INDEX b_idx ON orders|] (b);
            """);

    [Test]
    public void Fix_inserts_concurrently_after_index() =>
        Verifier.VerifyFix(
            "[|CREATE UNIQUE INDEX IF NOT EXISTS orders_number_key ON orders|] (number);",
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_number_key ON orders (number);");

    [Test]
    public void Fix_is_safe_outside_a_transaction_block_and_never_valid_inside_one()
    {
        var fix = Verifier.Lint("CREATE INDEX orders_a_idx ON orders (a);").Should().ContainSingle().Subject.Fixes.Should().ContainSingle().Subject;

        fix.Safety.Should().Be(FixSafety.Safe);
        fix.ValidInTransactionBlock.Should().BeFalse();
    }

    [Test]
    public void Fix_is_unsafe_inside_a_transaction_block()
    {
        var diagnostics = Verifier.Lint("BEGIN;\nCREATE INDEX orders_a_idx ON orders (a);\nCOMMIT;");

        diagnostics.Should().ContainSingle().Which.Fixes.Should().ContainSingle().Which.Safety.Should().Be(FixSafety.Unsafe);
    }

    private static DatabaseStatistics Rows(string schema, string table, double rows) =>
        new() { Tables = [new TableStatistics { Schema = schema, Name = table, Rows = rows }] };

    private static Severity SeverityWith(string sql, DatabaseStatistics? statistics, string? ruleOptions = null) =>
        AnalyzerVerifier.LintForTest(sql, [new RequireConcurrentIndexCreation()], new VerifyOptions { Statistics = statistics, RuleOptionsJson = ruleOptions })
            .Should().ContainSingle(static d => d.Id == "PG1001").Which.Severity;

    [TestCase(9_999, Severity.Info)]
    [TestCase(10_000, Severity.Warning)]
    [TestCase(10_000_000, Severity.Warning)]
    [TestCase(10_000_001, Severity.Error)]
    public void With_statistics_the_severity_follows_the_tables_row_count(double rows, Severity expected) =>
        SeverityWith("CREATE INDEX orders_a_idx ON orders (a);", Rows("public", "orders", rows)).Should().Be(expected);

    [Test]
    public void Without_statistics_or_for_a_table_they_do_not_know_the_default_severity_stays()
    {
        SeverityWith("CREATE INDEX orders_a_idx ON orders (a);", null).Should().Be(Severity.Warning);
        SeverityWith("CREATE INDEX orders_a_idx ON orders (a);", Rows("public", "customers", 50_000_000)).Should().Be(Severity.Warning);
        SeverityWith("CREATE INDEX orders_a_idx ON orders (a);", Rows("billing", "orders", 50_000_000)).Should().Be(Severity.Error, "the only table of that name, in another schema");
    }

    [Test]
    public void A_schema_qualified_table_is_looked_up_in_its_schema() =>
        SeverityWith("CREATE INDEX orders_a_idx ON billing.orders (a);", new DatabaseStatistics
        {
            Tables = [new TableStatistics { Schema = "public", Name = "orders", Rows = 5 }, new TableStatistics { Schema = "billing", Name = "orders", Rows = 20_000_000 }],
        }).Should().Be(Severity.Error);

    [Test]
    public void The_row_thresholds_are_options() =>
        SeverityWith("CREATE INDEX orders_a_idx ON orders (a);", Rows("public", "orders", 2_000), """{ "PG1001": { "largeTableRows": 1000 } }""").Should().Be(Severity.Error);
}
