using FluentAssertions;
using NUnit.Framework;
using PgLint.Analysis;

namespace PgLint.Npgsql.Tests;

public sealed class CatalogLoaderTests
{
    private const string Schema = """
        CREATE SCHEMA app;
        CREATE TABLE app.accounts (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            email varchar(200) NOT NULL,
            region text,
            balance numeric(12,2) DEFAULT 0,
            created_at timestamptz NOT NULL DEFAULT now(),
            tags text[],
            UNIQUE (email, region)
        );
        ALTER TABLE app.accounts ADD CONSTRAINT region_nn CHECK (region IS NOT NULL) NOT VALID;
        ALTER TABLE app.accounts ADD CHECK (balance >= 0);
        CREATE INDEX ON app.accounts (lower(email)) INCLUDE (region) WHERE region IS NOT NULL;
        CREATE TABLE app.events (id bigint, at timestamptz NOT NULL, account_id bigint REFERENCES app.accounts ON DELETE CASCADE, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
        CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        ALTER TABLE app.accounts ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own ON app.accounts FOR SELECT USING (region = current_setting('app.region'));
        """;

    [Test]
    public async Task Loaded_catalog_has_the_servers_tables_constraints_indexes_and_policies()
    {
        var catalog = await ScratchDatabase.LoadAfterAsync([Schema]);

        var accounts = catalog.FindTable(new("app", "accounts"))!;
        accounts.RowLevelSecurity.Should().BeTrue();
        accounts.Columns.Select(static c => c.ToString()).Should().Equal(
            "id bigint NOT NULL", "email character varying(200) NOT NULL", "region text", "balance numeric(12,2)", "created_at timestamp with time zone NOT NULL", "tags text[]");
        accounts.FindColumn("id")!.Identity.Should().Be(ColumnIdentity.Always);
        accounts.Constraints.Select(static c => $"{c.Name} {c.Type}{(c.IsValidated ? string.Empty : " not valid")}").Should().BeEquivalentTo(
            "accounts_pkey PrimaryKey", "accounts_email_region_key Unique", "region_nn Check not valid", "accounts_balance_check Check");
        accounts.FindConstraint("region_nn")!.NotNullColumn.Should().Be("region");
        catalog.FindIndex(new("app", "accounts_lower_region_idx"))!.Should().BeEquivalentTo(
            new { Include = new[] { "region" }, Predicate = "region IS NOT NULL" }, static o => o.ExcludingMissingMembers());
        catalog.PoliciesOn(accounts).Single().Should().BeEquivalentTo(new { Name = "own", Command = "select" }, static o => o.ExcludingMissingMembers());
        catalog.FindTable(new("app", "events_2024"))!.PartitionOf.Should().Be(new QualifiedName("app", "events"));
        Catalog.ForeignKeysOf(catalog.FindTable(new("app", "events"))!).Single().OnDelete.Should().Be(ForeignKeyAction.Cascade);
    }

    [Test]
    public async Task Replay_of_the_same_schema_matches_the_server_except_cloned_partition_objects()
    {
        var server = await ScratchDatabase.LoadAfterAsync([Schema]);
        var replayed = ScratchDatabase.Replay("schema", [Schema]);

        var (differences, _) = CatalogComparison.Compare(server, replayed);

        // PostgreSQL clones the parent's primary key and foreign keys to each partition; replay does not.
        differences.Should().OnlyContain(static d => d.Contains("events_2024", StringComparison.Ordinal));
        replayed.PoliciesOn(replayed.FindTable(new("app", "accounts"))!).Single().Command.Should().Be("select");
    }

    [Test]
    public async Task Loaded_objects_carry_the_names_findings_about_them_are_reported_at()
    {
        var catalog = await ScratchDatabase.LoadAfterAsync([Schema]);

        var accounts = catalog.FindTable(new("app", "accounts"))!;
        accounts.Origin.Logical.Should().Be(new LogicalLocation("table", "app.accounts"));
        accounts.Origin.FromSchema.Should().BeTrue("objects of a live database are existing objects");
        accounts.Constraints.Single(static c => c.Type == ConstraintType.PrimaryKey).Origin.Logical.Should().Be(new LogicalLocation("constraint", "app.accounts.accounts_pkey"));
        catalog.FindIndex(new("app", "accounts_lower_region_idx"))!.Origin.Logical.Should().Be(new LogicalLocation("index", "app.accounts_lower_region_idx"));
        catalog.PoliciesOn(accounts).Single().Origin.Logical.Should().Be(new LogicalLocation("policy", "app.accounts.own"));
        catalog.FindSequence(new("app", "accounts_id_seq"))!.Origin.Logical.Should().Be(new LogicalLocation("sequence", "app.accounts_id_seq"));
    }
}
