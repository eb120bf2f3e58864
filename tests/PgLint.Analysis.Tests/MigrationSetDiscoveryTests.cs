using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Analysis.Tests;

public sealed class MigrationSetDiscoveryTests
{
    private DirectoryInfo _root = null!;

    [SetUp]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("pglint-sets-");

    [TearDown]
    public void RemoveFolder() => _root.Delete(recursive: true);

    [Test]
    public void Numeric_prefixes_sort_as_numbers_and_down_migrations_are_left_out()
    {
        Touch("10_c.up.sql", "2_b.up.sql", "2_b.down.sql", "1_a.up.sql", "notes.txt");

        Names(MigrationSetDiscovery.OrderFolder(_root.FullName)).Should().Equal("1_a.up.sql", "2_b.up.sql", "10_c.up.sql");
    }

    [Test]
    public void Prisma_folders_sort_by_their_timestamp_and_version_folders_semantically()
    {
        Touch("20240102000000_second/migration.sql", "20240101000000_first/migration.sql", "v1.10/x.sql", "v1.9/y.sql");

        Names(MigrationSetDiscovery.OrderFolder(_root.FullName)).Should().Equal(
            "20240101000000_first/migration.sql", "20240102000000_second/migration.sql", "v1.9/y.sql", "v1.10/x.sql");
    }

    [Test]
    public void Flyway_versions_sort_numerically_and_repeatables_come_last()
    {
        Touch("V1_10__later.sql", "V1_2__earlier.sql", "R__views.sql", "V2__last.sql");

        Names(MigrationSetDiscovery.OrderFolder(_root.FullName)).Should().Equal("V1_2__earlier.sql", "V1_10__later.sql", "V2__last.sql", "R__views.sql");
    }

    [Test]
    public void Sqitch_plans_give_the_order_of_deploy_scripts()
    {
        Touch("deploy/users.sql", "deploy/appschema.sql", "revert/users.sql", "verify/users.sql");
        File.WriteAllText(Path.Combine(_root.FullName, "sqitch.plan"), "%syntax-version=1.0.0\n%project=app\n\nappschema 2024-01-01T00:00:00Z A <a@b> # schema\nusers [appschema] 2024-01-02T00:00:00Z A <a@b>\n@v1.0 2024-01-03T00:00:00Z A <a@b>\n");

        Names(MigrationSetDiscovery.OrderFolder(_root.FullName)).Should().Equal("deploy/appschema.sql", "deploy/users.sql");
    }

    [Test]
    public void A_file_inside_a_given_folder_is_not_a_second_set_and_unknown_paths_are_reported()
    {
        Touch("1_a.sql", "2_b.sql");

        var sets = MigrationSetDiscovery.Discover(["1_a.sql", ".", "missing.sql"], _root.FullName, exclude: null, out var missing);

        sets.Should().ContainSingle().Which.Files.Should().HaveCount(2);
        missing.Should().Equal("missing.sql");
    }

    [Test]
    public void Globs_and_excludes_select_files()
    {
        Touch("db/1_a.sql", "db/legacy/0_old.sql", "db/2_b.sql");

        var sets = MigrationSetDiscovery.Discover(["db/**/*.sql"], _root.FullName, ["db/legacy/**"], out var missing);

        missing.Should().BeEmpty();
        sets.Select(s => Path.GetRelativePath(_root.FullName, s.Name).Replace('\\', '/')).Should().BeEquivalentTo("db/1_a.sql", "db/2_b.sql");
    }

    private void Touch(params string[] relativePaths)
    {
        foreach (var relative in relativePaths)
        {
            var path = Path.Combine(_root.FullName, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "SELECT 1;");
        }
    }

    private IEnumerable<string> Names(IEnumerable<string> files) =>
        files.Select(f => Path.GetRelativePath(_root.FullName, f).Replace('\\', '/'));
}
