using System.Collections.Immutable;
using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Analysis.Tests.Catalog;

public sealed class CatalogReplayTests
{
    [Test]
    public void Index_on_lower_email_created_in_file_1_is_visible_to_a_query_in_file_2()
    {
        var probe = new CatalogProbe(static (statement, catalog) =>
            statement.Root.SelectStmt is null ? null
            : string.Join(", ", catalog.IndexesOn(catalog.FindTable(new QualifiedName(null, "users"))!).Select(static i => $"{i.Name.Name} {string.Join(",", i.Keys)}")));

        Lint.Run(
            [probe],
            files: ["CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\nCREATE INDEX ON users (lower(email));", "SELECT id FROM users WHERE lower(email) = 'a@example.com';"]);

        probe.Seen.Should().Equal("users_pkey id, users_lower_idx (lower(email))");
    }

    [Test]
    public void Column_types_are_the_names_format_type_prints()
    {
        var table = Final("CREATE TABLE t (a int4, b varchar(20), c timestamptz, d text[], e bigserial, f numeric(10,2), g timestamp(3), h bool, i char, j double precision, k int[]);").FindTable(new(null, "t"))!;

        table.Columns.Select(static c => c.TypeName).Should().Equal(
            "integer", "character varying(20)", "timestamp with time zone", "text[]", "bigint", "numeric(10,2)",
            "timestamp(3) without time zone", "boolean", "character(1)", "double precision", "integer[]");
        table.FindColumn("e")!.Default.Should().Be("nextval('t_e_seq'::regclass)");
        table.FindColumn("e")!.NotNull.Should().BeTrue();
    }

    [Test]
    public void Implicit_names_follow_postgres()
    {
        var catalog = Final(
            """
            CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE);
            CREATE TABLE child (id int, parent_id int REFERENCES parent, qty int CHECK (qty > 0), CHECK (id < qty), UNIQUE (id, qty));
            CREATE INDEX ON child (parent_id);
            CREATE INDEX ON child (parent_id);
            """);
        var child = catalog.FindTable(new(null, "child"))!;

        catalog.FindTable(new(null, "parent"))!.Constraints.Select(static c => c.Name).Should().Equal("parent_pkey", "parent_code_key");
        child.Constraints.Select(static c => $"{c.Name} {c.Type}").Should().BeEquivalentTo(
            "child_id_qty_key Unique", "child_parent_id_fkey ForeignKey", "child_qty_check Check", "child_check Check");
        catalog.IndexesOn(child).Select(static i => i.Name.Name).Should().BeEquivalentTo("child_id_qty_key", "child_parent_id_idx", "child_parent_id_idx1");
        Analysis.Catalog.ForeignKeysOf(child).Single().ReferencedColumns.Should().Equal("id");
    }

    [Test]
    public void Long_names_are_truncated_to_63_bytes_as_make_object_name_does() =>
        Analysis.Catalog.MakeObjectName(new string('t', 60), new string('c', 20), "key")
            .Should().Be(new string('t', 38) + "_" + new string('c', 20) + "_key").And.HaveLength(63);

    [Test]
    public void Primary_key_added_in_a_later_file_is_on_the_final_table()
    {
        var catalog = Final("CREATE TABLE a (id int);", "ALTER TABLE a ADD PRIMARY KEY (id);");

        var table = catalog.FindTable(new(null, "a"))!;
        table.PrimaryKey!.Name.Should().Be("a_pkey");
        table.FindColumn("id")!.NotNull.Should().BeTrue();
        table.Origin.DocumentIndex.Should().Be(0);
    }

    [Test]
    public void Validated_check_is_not_null_proves_a_column_non_null_and_not_valid_does_not()
    {
        var catalog = Final(
            """
            CREATE TABLE a (x int, y int);
            ALTER TABLE a ADD CONSTRAINT x_nn CHECK (x IS NOT NULL) NOT VALID;
            ALTER TABLE a ADD CONSTRAINT y_nn CHECK (y IS NOT NULL) NOT VALID;
            ALTER TABLE a VALIDATE CONSTRAINT y_nn;
            """);
        var table = catalog.FindTable(new(null, "a"))!;

        Analysis.Catalog.IsNotNull(table, "x").Should().BeFalse();
        Analysis.Catalog.IsNotNull(table, "y").Should().BeTrue();
    }

    [Test]
    public void Dropping_a_column_drops_its_indexes_and_constraints_and_renames_follow()
    {
        var catalog = Final(
            """
            CREATE TABLE a (id int PRIMARY KEY, x int, y int);
            CREATE INDEX a_x_y ON a (x, y);
            ALTER TABLE a DROP COLUMN y;
            ALTER TABLE a RENAME COLUMN x TO z;
            ALTER TABLE a RENAME TO b;
            ALTER INDEX a_pkey RENAME TO b_pkey;
            """);
        var table = catalog.FindTable(new(null, "b"))!;

        catalog.IndexesOn(table).Select(static i => i.Name.Name).Should().Equal("b_pkey");
        table.PrimaryKey!.Name.Should().Be("b_pkey");
        table.Columns.Select(static c => c.Name).Should().Equal("id", "z");
    }

    [Test]
    public void Partitions_policies_row_level_security_and_routines_are_recorded()
    {
        var catalog = Final(
            """
            CREATE SCHEMA app;
            SET search_path = app;
            CREATE TABLE events (id bigint, at timestamptz NOT NULL DEFAULT now()) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            ALTER TABLE events ENABLE ROW LEVEL SECURITY;
            CREATE POLICY own ON events USING (id > 0);
            CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE SECURITY DEFINER SET search_path = pg_catalog AS 'SELECT a';
            CREATE TYPE mood AS ENUM ('sad', 'ok');
            CREATE EXTENSION IF NOT EXISTS pgcrypto;
            GRANT SELECT ON events TO PUBLIC;
            """);
        var events = catalog.FindTable(new("app", "events"))!;

        events.Kind.Should().Be(RelationKind.PartitionedTable);
        events.RowLevelSecurity.Should().BeTrue();
        events.FindColumn("at")!.DefaultVolatility.Should().Be(Volatility.Stable);
        catalog.PartitionsOf(events).Single().Columns.Should().HaveCount(2);
        catalog.PoliciesOn(events).Single().Using.Should().Be("id > 0");
        var function = catalog.FindFunctions(new("app", "f")).Single();
        (function.Signature, function.Volatility, function.SecurityDefiner, function.Configuration["search_path"]).Should().Be(("app.f(integer)", Volatility.Immutable, true, "pg_catalog"));
        catalog.FindType(new("app", "mood"))!.EnumLabels.Should().Equal("sad", "ok");
        catalog.FindExtension("pgcrypto").Should().NotBeNull();
        catalog.Grants.Should().ContainSingle().Which.Grantee.Should().Be("public");
    }

    [Test]
    public void Dropping_a_referenced_table_with_cascade_drops_the_foreign_keys_that_reference_it()
    {
        var catalog = Final(
            """
            CREATE TABLE parent (id int PRIMARY KEY);
            CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent);
            DROP TABLE parent CASCADE;
            """);

        catalog.FindTable(new(null, "parent")).Should().BeNull();
        catalog.FindIndex(new(null, "parent_pkey")).Should().BeNull();
        Analysis.Catalog.ForeignKeysOf(catalog.FindTable(new(null, "child"))!).Should().BeEmpty();
    }

    [Test]
    public void Objects_from_a_schema_dump_are_known_and_not_new()
    {
        var settings = new LintSettings(new RuleRegistry([]));
        var schema = Syntax.SourceText.From("CREATE SCHEMA app;\nCREATE TABLE app.users (id bigint PRIMARY KEY);", "structure.sql");
        var file = Syntax.SourceText.From("SET search_path = app, public;\nALTER TABLE users ADD COLUMN email text NOT NULL;", "0001.sql");

        var catalog = new LintEngine(settings, [schema]).Run([new MigrationSetInput("set", [file])]).Catalogs.Single().Catalog;

        var users = catalog.FindTable(new("app", "users"))!;
        users.Origin.FromSchema.Should().BeTrue();
        users.Columns.Select(static c => c.ToString()).Should().Equal("id bigint NOT NULL", "email text NOT NULL");
    }

    [Test]
    public void Set_schema_moves_the_table_with_its_indexes_and_column_comments_are_kept()
    {
        var catalog = Final(
            """
            CREATE SCHEMA archive;
            CREATE TABLE parent (id int PRIMARY KEY);
            CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent);
            ALTER TABLE parent SET SCHEMA archive;
            COMMENT ON COLUMN child.parent_id IS 'the parent';
            """);

        catalog.FindTable(new("archive", "parent")).Should().NotBeNull();
        catalog.FindIndex(new("archive", "parent_pkey"))!.Table.Should().Be(new QualifiedName("archive", "parent"));
        var child = catalog.FindTable(new(null, "child"))!;
        Analysis.Catalog.ForeignKeysOf(child).Single().ReferencedTable.Should().Be(new QualifiedName("archive", "parent"));
        child.FindColumn("parent_id")!.Comment.Should().Be("the parent");
    }

    [Test]
    public void Renaming_a_type_frees_its_old_name_for_a_new_type()
    {
        var catalog = Final(
            "CREATE TYPE status_new AS ENUM ('a');\nALTER TYPE status_new RENAME TO status;",
            "CREATE TYPE status_new AS ENUM ('a', 'b');\nALTER TYPE status RENAME TO status_old;\nALTER TYPE status_new RENAME TO status;\nDROP TYPE status_old;");

        catalog.FindType(new(null, "status"))!.EnumLabels.Should().Equal("a", "b");
        catalog.FindType(new(null, "status_new")).Should().BeNull();
        catalog.FindType(new(null, "status_old")).Should().BeNull();
    }

    [Test]
    public void Unknown_objects_stay_unknown()
    {
        var catalog = Final("ALTER TABLE missing ADD COLUMN x int;\nCREATE INDEX ON missing (x);\nCREATE POLICY p ON missing USING (true);");

        catalog.FindTable(new(null, "missing")).Should().BeNull();
        catalog.Policies.Should().BeEmpty();
    }

    private static Analysis.Catalog Final(params string[] files) => Lint.Run([new CatalogProbe(static (_, _) => null)], files: files).Catalogs.Single().Catalog;

    /// <summary>Records what a function of the catalog returns before each statement.</summary>
    private sealed class CatalogProbe(Func<StatementContext, Analysis.Catalog, string?> look) : Analyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new("TST900", "probe", "Probe", "Probe.", RuleCategory.Correctness, Severity.Info);

        public List<string> Seen { get; } = [];

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

        public override void Initialize(AnalysisContext context) =>
            context.RegisterStatementAction(c =>
            {
                if (look(c, c.Catalog) is { } seen)
                {
                    Seen.Add(seen);
                }
            });
    }
}
