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
    public async Task Partitioning_and_function_volatility_are_loaded_as_replay_records_them()
    {
        const string schema = """
            CREATE EXTENSION pg_stat_statements;
            CREATE TABLE measurements (site int NOT NULL, label text NOT NULL, at timestamptz NOT NULL) PARTITION BY RANGE (site, lower(label));
            CREATE TABLE by_site (site int NOT NULL) PARTITION BY LIST (site);
            CREATE TABLE by_hash (id bigint NOT NULL) PARTITION BY HASH (id);
            CREATE TABLE plain (id bigint PRIMARY KEY);
            CREATE FUNCTION cents(amount numeric) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT (amount * 100)::bigint';
            CREATE FUNCTION region() RETURNS text LANGUAGE sql STABLE AS $$SELECT current_setting('app.region')$$;
            CREATE FUNCTION touch(varchar, integer) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$BEGIN END$$;
            CREATE PROCEDURE tidy() LANGUAGE sql AS 'SELECT 1';
            """;
        var server = await ScratchDatabase.LoadAfterAsync([schema]);
        var replayed = ScratchDatabase.Replay("schema", [schema]);

        string Partitioning(Catalog catalog, string name) =>
            catalog.FindTable(new("public", name)) is { } table ? $"{table.PartitionStrategy} [{string.Join(", ", table.PartitionKey.Select(static k => k ?? "expr"))}]" : "missing";
        string[] Functions(Catalog catalog) =>
            [.. catalog.Functions.Select(static f => $"{f.Signature} {f.Language} {f.Volatility}{(f.IsProcedure ? " procedure" : string.Empty)}{(f.SecurityDefiner ? " definer" : string.Empty)}").Order(StringComparer.Ordinal)];

        new[] { "measurements", "by_site", "by_hash", "plain" }.Select(n => Partitioning(server, n)).Should().Equal("range [site, expr]", "list [site]", "hash [id]", " []");
        Functions(server).Should().Equal(
            "public.cents(numeric) sql Immutable",
            "public.region() sql Stable",
            "public.tidy() sql Volatile procedure",
            "public.touch(character varying, integer) plpgsql Volatile definer");
        server.FindFunctions(new("public", "touch")).Single().Configuration.Should().Contain("search_path", "public");
        new[] { "measurements", "by_site", "by_hash", "plain" }.Select(n => Partitioning(replayed, n)).Should().Equal(new[] { "measurements", "by_site", "by_hash", "plain" }.Select(n => Partitioning(server, n)));
        Functions(replayed).Should().Equal(Functions(server), "the extension's own functions are left out");
        CatalogComparison.Compare(server, replayed).Differences.Should().BeEmpty();
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
