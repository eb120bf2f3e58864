using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using PgLint.Analysis;

namespace PgLint.Plugins;

/// <summary>
/// Loads rule packs: <c>Id@Version</c> from the NuGet sources and global packages folder the user has
/// configured, or a <c>.nupkg</c> / <c>.dll</c> path. Each plugin gets its own
/// <see cref="System.Runtime.Loader.AssemblyLoadContext"/> that shares the SDK with the host, and is
/// refused when it was compiled against an SDK this host cannot run.
/// </summary>
public sealed class PluginLoader
{
    private readonly PackageResolver _packages;

    /// <summary>Creates a loader.</summary>
    /// <param name="nugetRoot">The folder whose <c>nuget.config</c> files (and their parents') name the package sources.</param>
    /// <param name="cacheDirectory">Where <c>.nupkg</c> files are extracted; default <c>PGLINT_PLUGIN_CACHE</c> or the user's local application data.</param>
    public PluginLoader(string nugetRoot, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(nugetRoot);
        _packages = new PackageResolver(nugetRoot, cacheDirectory ?? DefaultCacheDirectory());
    }

    /// <summary>The version of the PgLint SDK (<c>PgLint.Analysis</c>) this host runs.</summary>
    public static Version HostSdkVersion { get; } = typeof(Analyzer).Assembly.GetName().Version!;

    /// <summary>
    /// True when a plugin compiled against <paramref name="pluginSdk"/> runs on <paramref name="hostSdk"/>:
    /// the same major version, and not a newer minor one (it may use API the host lacks).
    /// </summary>
    public static bool IsCompatible(Version pluginSdk, Version hostSdk)
    {
        ArgumentNullException.ThrowIfNull(pluginSdk);
        ArgumentNullException.ThrowIfNull(hostSdk);
        return pluginSdk.Major == hostSdk.Major && pluginSdk.Minor <= hostSdk.Minor;
    }

    /// <summary>Loads every plugin, in order; an entry given twice (in the configuration and on the command line) loads once.</summary>
    /// <exception cref="ConfigurationException">A plugin cannot be found, read or loaded, has no analyzers, or needs another SDK.</exception>
    public ImmutableArray<LoadedPlugin> Load(IEnumerable<PluginReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return [.. references.DistinctBy(static r => r.IsPath ? r.FullPath : r.Value.Trim().ToUpperInvariant()).Select(Load)];
    }

    /// <summary>Loads one plugin.</summary>
    /// <exception cref="ConfigurationException">The plugin cannot be found, read or loaded, has no analyzers, or needs another SDK.</exception>
    public LoadedPlugin Load(PluginReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var path = reference.FullPath;
            if (!File.Exists(path))
            {
                throw new ConfigurationException($"{reference.Source}: the plugin assembly '{reference.Value}' does not exist.");
            }

            AssemblyName name;
            try
            {
                name = AssemblyName.GetAssemblyName(path);
            }
            catch (BadImageFormatException)
            {
                throw new ConfigurationException($"{reference.Source}: '{reference.Value}' is not a .NET assembly.");
            }

            return Load(reference, name.Name!, name.Version?.ToString(3) ?? "0.0.0", [path]);
        }

        var package = reference.Value.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase)
            ? _packages.FromNupkg(reference)
            : _packages.FromPackageId(reference);
        return Load(reference, package.Id, package.Version, package.Assemblies);
    }

    private static LoadedPlugin Load(PluginReference reference, string name, string version, IReadOnlyList<string> assemblies)
    {
        // Only the assemblies compiled against the SDK can hold analyzers; the others are private dependencies.
        var ruleAssemblies = assemblies
            .Select(static path => (Path: path, Sdk: ReferencedSdkVersion(path)))
            .Where(static a => a.Sdk is not null)
            .ToList();
        if (ruleAssemblies.Count == 0)
        {
            throw new ConfigurationException($"{reference.Source}: Plugin {name} {version} does not reference the PgLint SDK (PgLint.Analysis), so it has no rules.");
        }

        var sdk = ruleAssemblies.Max(static a => a.Sdk)!;
        if (!IsCompatible(sdk, HostSdkVersion))
        {
            throw new ConfigurationException(
                $"{reference.Source}: Plugin {name} {version} was built against PgLint SDK {sdk.ToString(3)}; this pglint has SDK {HostSdkVersion.ToString(3)}.");
        }

        var context = new PluginLoadContext(name, ruleAssemblies[0].Path);
        var analyzers = ruleAssemblies
            .SelectMany(a => CreateAnalyzers(reference, name, version, context, a.Path))
            .ToImmutableArray();
        if (analyzers.IsEmpty)
        {
            throw new ConfigurationException($"{reference.Source}: Plugin {name} {version} has no public analyzer (a non-abstract Analyzer subclass with a parameterless constructor).");
        }

        return new LoadedPlugin(name, version, sdk, Path.GetDirectoryName(ruleAssemblies[0].Path)!, analyzers);
    }

    private static IEnumerable<Analyzer> CreateAnalyzers(PluginReference reference, string name, string version, PluginLoadContext context, string path)
    {
        Type[] types;
        try
        {
            types = context.LoadFromAssemblyPath(path).GetExportedTypes();
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException or TypeLoadException)
        {
            throw new ConfigurationException($"{reference.Source}: Plugin {name} {version} cannot be loaded from {path}: {ex.Message}", ex);
        }

        foreach (var type in AnalyzerDiscovery.FindAnalyzerTypes(types))
        {
            Analyzer analyzer;
            try
            {
                analyzer = (Analyzer)Activator.CreateInstance(type)!;
            }
            catch (TargetInvocationException ex)
            {
                throw new ConfigurationException(
                    $"{reference.Source}: Plugin {name} {version}: creating {type.FullName} failed: {ex.InnerException?.Message ?? ex.Message}", ex);
            }

            yield return analyzer;
        }
    }

    /// <summary>
    /// The version of <c>PgLint.Analysis</c> an assembly references, read from its metadata without loading it;
    /// null when it references none or is a native library shipped next to the assemblies.
    /// </summary>
    private static Version? ReferencedSdkVersion(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        try
        {
            if (!pe.HasMetadata)
            {
                return null;
            }
        }
        catch (BadImageFormatException)
        {
            return null;
        }

        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            if (metadata.StringComparer.Equals(reference.Name, "PgLint.Analysis"))
            {
                return reference.Version;
            }
        }

        return null;
    }

    private static string DefaultCacheDirectory() =>
        Environment.GetEnvironmentVariable("PGLINT_PLUGIN_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "pglint", "plugins");
}
