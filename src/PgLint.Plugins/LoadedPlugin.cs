using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Plugins;

/// <summary>A rule pack loaded into its own load context.</summary>
/// <param name="Name">The package id, or the assembly name of a plugin given as a <c>.dll</c>.</param>
/// <param name="Version">The package or assembly version.</param>
/// <param name="SdkVersion">The PgLint SDK version the plugin was compiled against.</param>
/// <param name="Location">The folder its assemblies were loaded from.</param>
/// <param name="Analyzers">Its analyzers, ordered by type name.</param>
public sealed record LoadedPlugin(string Name, string Version, Version SdkVersion, string Location, ImmutableArray<Analyzer> Analyzers)
{
    /// <summary>The descriptors of every rule the plugin reports, ordered by id.</summary>
    public ImmutableArray<DiagnosticDescriptor> Descriptors { get; } =
        [.. Analyzers.SelectMany(static a => a.SupportedDiagnostics).DistinctBy(static d => d.Id).OrderBy(static d => d.Id, StringComparer.Ordinal)];
}
