using System.Collections.Immutable;
using PgLint.Syntax;

namespace PgLint.Rules.Tests;

/// <summary>Runs the real engine over a migration set of several files.</summary>
internal static class TestLint
{
    /// <summary>The ids of the unsuppressed findings in each file of a migration set, with the analyzer at its default states.</summary>
    public static ImmutableArray<string[]> IdsPerFile(Analyzer analyzer, params string[] files)
    {
        var engine = new LintEngine(new LintSettings(new RuleRegistry([analyzer])));
        var sources = files.Select(static (text, i) => SourceText.From(text, $"{i + 1:D4}_migration.sql")).ToList();
        var result = engine.Run([new MigrationSetInput("migrations", sources)]);
        return [.. result.Documents.Select(static d => d.Diagnostics.Where(static x => !x.IsSuppressed).Select(static x => x.Id).ToArray())];
    }
}
