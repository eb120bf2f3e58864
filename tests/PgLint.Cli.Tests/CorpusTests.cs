using FluentAssertions;
using NUnit.Framework;
using PgLint.Analysis;
using PgLint.Rules;
using PgLint.Syntax;

namespace PgLint.Cli.Tests;

/// <summary>Every SQL file of the shared corpus lints without a crash, a hang or a failing rule.</summary>
public sealed class CorpusTests
{
    [Test]
    public void Every_corpus_migration_set_lints_without_a_rule_failure()
    {
        var migrations = Path.Combine(Repository.Corpus, "migrations");
        Directory.Exists(migrations).Should().BeTrue($"the corpus belongs at {migrations}");
        var sets = Directory.EnumerateDirectories(migrations).Order(StringComparer.Ordinal)
            .Select(static folder => new MigrationSetInput(folder, [.. MigrationSetDiscovery.OrderFolder(folder).Select(static f => SourceText.FromFile(f))]))
            .ToList();

        var result = Lint(sets);

        var files = Directory.EnumerateFiles(migrations, "*.sql", SearchOption.AllDirectories).Count(static f => !f.EndsWith(".down.sql", StringComparison.Ordinal));
        result.Documents.Length.Should().Be(files);
        result.Diagnostics.Where(static d => d.Id == "PG0002").Should().BeEmpty();
        result.StatementCount.Should().BeGreaterThan(10_000);
        TestContext.Out.WriteLine($"{result.Documents.Length} files, {result.StatementCount} statements, {result.Diagnostics.Count(static d => d.Id == "PG0001")} PG0001, {result.Diagnostics.Length} findings in {result.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Test]
    public void Every_other_corpus_file_lints_alone_without_a_rule_failure()
    {
        var migrations = Path.Combine(Repository.Corpus, "migrations");
        var others = Directory.EnumerateFiles(Repository.Corpus, "*.sql", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(migrations, StringComparison.Ordinal) || f.EndsWith(".down.sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        others.Should().HaveCountGreaterThan(200, "the regression suite and the down migrations are there");

        var result = Lint([.. others.Select(static f => new MigrationSetInput(f, [SourceText.FromFile(f)]))]);

        result.Documents.Length.Should().Be(others.Count);
        result.Diagnostics.Where(static d => d.Id == "PG0002").Should().BeEmpty();
        TestContext.Out.WriteLine($"{result.Documents.Length} files, {result.StatementCount} statements, {result.Diagnostics.Count(static d => d.Id == "PG0001")} PG0001");
    }

    private static LintResult Lint(List<MigrationSetInput> sets)
    {
        var registry = new RuleRegistry(BuiltInRules.CreateAnalyzers());
        var everything = registry.Descriptors.Select(static d => new RuleDirective(d.Id, "on", "test"));
        var engine = new LintEngine(new LintSettings(registry, everything));
        using var watchdog = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return engine.Run(sets, watchdog.Token);
    }
}
