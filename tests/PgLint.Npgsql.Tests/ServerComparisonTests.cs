using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using PgLint.Analysis;
using PgLint.Tests.Shared;

namespace PgLint.Npgsql.Tests;

/// <summary>
/// Replays corpus migration sets into a real PostgreSQL 15 and into PgLint's catalog, loads the
/// server's catalog with <see cref="CatalogLoader"/>, and compares tables, columns (type,
/// nullability, default), indexes and constraints. Every remaining difference is a known limitation
/// listed in docs/catalog.md.
/// </summary>
public sealed partial class ServerComparisonTests
{
    private static readonly string Corpus = Path.GetFullPath(Path.Combine(TestPostgres.RepositoryRoot, "..", "shared", "corpus", "migrations"));

    public static IEnumerable<TestCaseData> Sets()
    {
        yield return new TestCaseData("openfga", string.Empty, 6).SetName("openfga");
        yield return new TestCaseData("umami", string.Empty, 19).SetName("umami");
        yield return new TestCaseData("concourse", string.Empty, 148).SetName("concourse");
        yield return new TestCaseData("graphile-worker", "CREATE SCHEMA graphile_worker;", 19).SetName("graphile-worker");

        // golang-migrate creates its bookkeeping table before the first migration; harbor's migrations update it.
        yield return new TestCaseData("harbor", "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);", 39).SetName("harbor");
    }

    [TestCaseSource(nameof(Sets))]
    public async Task Replayed_catalog_matches_the_server(string set, string preamble, int fileCount)
    {
        var folder = Path.Combine(Corpus, set);
        if (!Directory.Exists(folder))
        {
            Assert.Ignore($"The corpus set {folder} is not present.");
        }

        var files = MigrationSetDiscovery.OrderFolder(folder).Where(static f => !f.EndsWith(".down.sql", StringComparison.Ordinal)).ToList();
        files.Should().HaveCount(fileCount);
        var texts = files.Select(static f => GooseDown().Replace(File.ReadAllText(f), string.Empty)).ToList();
        if (preamble.Length > 0)
        {
            texts.Insert(0, preamble);
        }

        var server = await ScratchDatabase.LoadAfterAsync(texts);
        var replayed = ScratchDatabase.Replay(set, texts);

        var (differences, compared) = CatalogComparison.Compare(server, replayed);
        await TestContext.Out.WriteLineAsync($"{set}: {server.Tables.Count()} relations, {compared} objects compared, {differences.Count} differences");
        foreach (var difference in differences)
        {
            await TestContext.Out.WriteLineAsync("  " + difference);
        }

        differences.Where(d => !KnownLimitations.IsKnown(set, d)).Should().BeEmpty();
    }

    /// <summary>goose's down section: from <c>-- +goose Down</c> to the end of the file.</summary>
    [GeneratedRegex(@"^-- \+goose Down.*", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex GooseDown();
}
