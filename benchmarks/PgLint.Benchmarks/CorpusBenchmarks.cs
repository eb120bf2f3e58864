using BenchmarkDotNet.Attributes;
using PgLint.Analysis;
using PgLint.Rules;
using PgLint.Syntax;

namespace PgLint.Benchmarks;

/// <summary>
/// Throughput on the real-world corpus (<c>../shared/corpus/migrations</c>, or PGLINT_CORPUS):
/// parsing alone, and a full lint of every migration set with every built-in rule.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class CorpusBenchmarks
{
    private List<SourceText> _files = [];
    private List<MigrationSetInput> _sets = [];
    private LintEngine _engine = null!;

    /// <summary>Bytes in the corpus (for MB/s).</summary>
    public long TotalBytes { get; private set; }

    [GlobalSetup]
    public void Load()
    {
        var corpus = CorpusLocator.MigrationsFolder();
        _sets = [.. Directory.EnumerateDirectories(corpus).Order(StringComparer.Ordinal).Select(static folder => new MigrationSetInput(
            folder,
            [.. MigrationSetDiscovery.OrderFolder(folder).Select(static f => SourceText.FromFile(f))]))];
        _files = [.. _sets.SelectMany(static s => s.Files)];
        TotalBytes = _files.Sum(static f => (long)f.Utf8.Length);
        _engine = new LintEngine(new LintSettings(new RuleRegistry(BuiltInRules.CreateAnalyzers())));
        Console.WriteLine($"// corpus: {_files.Count} files, {TotalBytes / 1048576.0:F2} MiB in {_sets.Count} sets");
    }

    [Benchmark(Description = "parse corpus/migrations")]
    public int ParseOnly()
    {
        var statements = 0;
        foreach (var file in _files)
        {
            statements += SqlParser.Parse(file).Statements.Length;
        }

        return statements;
    }

    [Benchmark(Description = "lint corpus/migrations (all rules)")]
    public int FullLint() => _engine.Run(_sets).Diagnostics.Length;
}

/// <summary>Finds the shared corpus from the repository.</summary>
public static class CorpusLocator
{
    /// <summary>The migrations folder of the corpus.</summary>
    public static string MigrationsFolder()
    {
        if (Environment.GetEnvironmentVariable("PGLINT_CORPUS") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "..", "shared", "corpus", "migrations");
            if (File.Exists(Path.Combine(directory.FullName, "PgLint.sln")) && Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException("The corpus was not found: set PGLINT_CORPUS to its migrations folder.");
    }
}
