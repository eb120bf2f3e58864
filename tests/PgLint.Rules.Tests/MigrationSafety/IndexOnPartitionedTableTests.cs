using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.IndexOnPartitionedTable>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class IndexOnPartitionedTableTests
{
    private static readonly VerifyOptions Events = new()
    {
        PrecedingFiles =
        [
            """
            CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text) PARTITION BY RANGE (at);
            CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);
            CREATE TABLE logs (id bigint, at date) PARTITION BY RANGE (at);
            CREATE TABLE logs_2024 PARTITION OF logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (id);
            """,
        ],
    };

    [Test]
    public void An_index_on_a_partitioned_table_is_reported() =>
        Verifier.Verify(
            "[|CREATE INDEX events_kind_idx ON events|] (kind);",
            Events with
            {
                ExpectedMessages = ["Creating index events_kind_idx on partitioned table events cannot be done concurrently: it holds a SHARE lock that blocks writes to events and every partition until the index of the last partition is built."],
            });

    [Test]
    public void On_only_per_partition_indexes_plain_tables_and_new_tables_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE INDEX events_kind_idx ON ONLY events (kind);
            CREATE INDEX CONCURRENTLY events_2023_kind_idx ON events_2023 (kind);
            ALTER INDEX events_kind_idx ATTACH PARTITION events_2023_kind_idx;
            CREATE INDEX orders_customer_id_idx ON orders (customer_id);
            CREATE TABLE metrics (id bigint, at date) PARTITION BY RANGE (at);
            CREATE INDEX metrics_at_idx ON metrics (at);
            """,
            Events);

    [Test]
    public void Fix_indexes_only_the_parent_then_each_partition_concurrently_and_attaches_it()
    {
        Verifier.VerifyFix(
            "[|CREATE UNIQUE INDEX events_id_at_key ON events|] USING btree (id, at);",
            """
            CREATE UNIQUE INDEX events_id_at_key ON ONLY events USING btree (id, at);
            CREATE UNIQUE INDEX CONCURRENTLY events_2023_id_at_key ON events_2023 USING btree (id, at);
            ALTER INDEX events_id_at_key ATTACH PARTITION events_2023_id_at_key;
            CREATE UNIQUE INDEX CONCURRENTLY events_2024_id_at_key ON events_2024 USING btree (id, at);
            ALTER INDEX events_id_at_key ATTACH PARTITION events_2024_id_at_key;
            """.ReplaceLineEndings("\n"),
            Events);
        var fix = Verifier.Lint("CREATE INDEX events_kind_idx ON events (kind);", Events).Single().Fixes.Single();
        fix.Safety.Should().Be(FixSafety.Unsafe);
        fix.ValidInTransactionBlock.Should().BeFalse();
    }

    [Test]
    public void No_fix_for_an_unnamed_index_or_sub_partitioned_partitions()
    {
        Verifier.Lint("CREATE INDEX ON events (kind);", Events).Single().Fixes.Should().BeEmpty();
        Verifier.Lint("CREATE INDEX logs_at_idx ON logs (at);", Events).Single().Fixes.Should().BeEmpty();
    }
}
