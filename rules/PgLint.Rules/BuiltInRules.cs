using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules;

/// <summary>The built-in rule pack: every analyzer in this assembly.</summary>
public static class BuiltInRules
{
    /// <summary>A new instance of every public, non-abstract <see cref="Analyzer"/> in this assembly, ordered by first rule id.</summary>
    public static ImmutableArray<Analyzer> CreateAnalyzers() =>
        [.. AnalyzerDiscovery.FindAnalyzerTypes(typeof(BuiltInRules).Assembly.GetExportedTypes())
            .Select(static t => (Analyzer)Activator.CreateInstance(t)!)
            .OrderBy(static a => a.SupportedDiagnostics.FirstOrDefault()?.Id, StringComparer.Ordinal)];

    /// <summary>The descriptors of every built-in rule, ordered by id.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } =
        [.. CreateAnalyzers().SelectMany(static a => a.SupportedDiagnostics).OrderBy(static d => d.Id, StringComparer.Ordinal)];
}
