using PgLint.Rules.SchemaDesign;
using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.SchemaDesign.MissingPrimaryKey>;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class MissingPrimaryKeyTests
{
    [Test]
    public void Table_that_never_gets_a_primary_key_is_reported_at_its_create_table() =>
        Verifier.Verify(
            "[|CREATE TABLE audit_log (at timestamptz NOT NULL, message text)|];",
            new VerifyOptions { ExpectedMessages = ["Table public.audit_log has no primary key at the end of the migration set, so its rows cannot be addressed reliably or replicated logically."] });

    [Test]
    public void Table_with_an_inline_primary_key_is_not_reported() =>
        Verifier.Verify("CREATE TABLE accounts (id bigint PRIMARY KEY, name text);");

    [Test]
    public void Table_created_in_0001_and_given_a_primary_key_in_0002_is_not_reported_and_one_that_never_gets_one_is() =>
        TestLint.IdsPerFile(
            new MissingPrimaryKey(),
            "CREATE TABLE keyed (id bigint NOT NULL);\nCREATE TABLE unkeyed (id bigint NOT NULL);",
            "ALTER TABLE keyed ADD CONSTRAINT keyed_pkey PRIMARY KEY (id);")
            .Should().BeEquivalentTo([["PG3008"], Array.Empty<string>()], static o => o.WithStrictOrdering());

    [Test]
    public void Unique_not_null_column_is_not_a_primary_key() =>
        Verifier.Verify("[|CREATE TABLE tags (name text NOT NULL UNIQUE)|];");

    [Test]
    public void Partition_of_a_keyed_parent_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE events (id bigint, at timestamptz, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            """);

    [Test]
    public void Temporary_tables_and_views_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE TEMP TABLE scratch (x int);
            CREATE VIEW v AS SELECT 1 AS x;
            """);

    [Test]
    public void Table_dropped_before_the_end_is_not_reported() =>
        Verifier.Verify("CREATE TABLE staging (x int);\nDROP TABLE staging;");
}
