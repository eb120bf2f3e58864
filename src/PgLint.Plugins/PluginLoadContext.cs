using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.Loader;

namespace PgLint.Plugins;

/// <summary>
/// The load context of one plugin. The SDK assemblies come from the host (so the plugin's
/// <c>Analyzer</c> is the host's <c>Analyzer</c>); everything else the plugin brings is resolved from
/// its own folder, through its <c>.deps.json</c> when it has one.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    /// <summary>Assemblies every plugin shares with the host: the SDK, the AST and the AST's runtime.</summary>
    public static readonly FrozenSet<string> SharedAssemblies =
        FrozenSet.ToFrozenSet(["PgLint.Analysis", "PgLint.Syntax", "Google.Protobuf"], StringComparer.OrdinalIgnoreCase);

    private readonly string _folder;
    private readonly AssemblyDependencyResolver? _resolver;

    public PluginLoadContext(string name, string mainAssemblyPath)
        : base($"pglint-plugin:{name}", isCollectible: false)
    {
        _folder = Path.GetDirectoryName(mainAssemblyPath)!;
        _resolver = File.Exists(Path.ChangeExtension(mainAssemblyPath, ".deps.json"))
            ? new AssemblyDependencyResolver(mainAssemblyPath)
            : null;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null || SharedAssemblies.Contains(assemblyName.Name))
        {
            return null;
        }

        var path = _resolver?.ResolveAssemblyToPath(assemblyName) ?? Probe(assemblyName.Name + ".dll");
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName) ?? Probe(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private string? Probe(string fileName)
    {
        var candidate = Path.Combine(_folder, fileName);
        return File.Exists(candidate) ? candidate : null;
    }
}
