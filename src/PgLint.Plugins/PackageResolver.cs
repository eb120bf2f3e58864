using System.Reflection;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using PgLint.Analysis;

namespace PgLint.Plugins;

/// <summary>A package on disk, extracted: its identity and the assemblies of its best <c>lib/&lt;tfm&gt;</c> folder.</summary>
internal sealed record ResolvedPackage(string Id, string Version, string LibFolder, IReadOnlyList<string> Assemblies);

/// <summary>
/// Finds rule-pack packages with NuGet's client libraries: the global packages folder first, then the
/// sources configured for <c>root</c> (nuget.config files, local folder feeds included).
/// </summary>
internal sealed class PackageResolver
{
    private static readonly NuGetFramework HostFramework = NuGetFramework.Parse(
        typeof(PackageResolver).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName);

    private readonly Lazy<ISettings> _settings;
    private readonly string _cacheDirectory;

    public PackageResolver(string root, string cacheDirectory)
    {
        _settings = new Lazy<ISettings>(() => Settings.LoadDefaultSettings(root));
        _cacheDirectory = cacheDirectory;
    }

    /// <summary>Resolves <c>Id@Version</c> from the global packages folder, installing it there from a configured source if needed.</summary>
    public ResolvedPackage FromPackageId(PluginReference reference)
    {
        var at = reference.Value.LastIndexOf('@');
        if (at <= 0 || !NuGetVersion.TryParse(reference.Value[(at + 1)..], out var version))
        {
            throw new ConfigurationException(
                $"{reference.Source}: '{reference.Value}' is not a plugin: give Id@Version (e.g. Acme.PgLint.Rules@1.2.0) or a path to a .nupkg or .dll.");
        }

        var identity = new PackageIdentity(reference.Value[..at].Trim(), version);
        var globalFolder = SettingsUtility.GetGlobalPackagesFolder(_settings.Value);
        var paths = new VersionFolderPathResolver(globalFolder);
        var installPath = paths.GetInstallPath(identity.Id, identity.Version);
        if (!File.Exists(paths.GetNupkgMetadataPath(identity.Id, identity.Version)) && !File.Exists(paths.GetHashPath(identity.Id, identity.Version)))
        {
            Install(reference, identity, globalFolder);
        }

        return FromFolder(reference, identity, installPath);
    }

    /// <summary>Extracts a <c>.nupkg</c> file into the plugin cache (once per file content stamp).</summary>
    public ResolvedPackage FromNupkg(PluginReference reference)
    {
        var path = reference.FullPath;
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{reference.Source}: the plugin package '{reference.Value}' does not exist.");
        }

        using var archive = new PackageArchiveReader(path);
        var identity = archive.GetIdentity();
        var file = new FileInfo(path);
        var stamp = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}")))[..16];
        var target = Path.Combine(_cacheDirectory, identity.Id.ToLowerInvariant(), identity.Version.ToNormalizedString(), stamp);
        if (!Directory.Exists(target))
        {
            var staging = target + ".tmp-" + Guid.NewGuid().ToString("N");
            var lib = BestLibGroup(reference, identity, archive.GetLibItems());
            foreach (var item in lib.Items)
            {
                archive.ExtractFile(item, Path.Combine(staging, item), NullLogger.Instance);
            }

            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another pglint extracted the same file meanwhile.
                Directory.Delete(staging, recursive: true);
            }
        }

        return FromFolder(reference, identity, target);
    }

    private static ResolvedPackage FromFolder(PluginReference reference, PackageIdentity identity, string folder)
    {
        var lib = BestLibGroup(reference, identity, new PackageFolderReader(folder).GetLibItems());
        var assemblies = lib.Items
            .Where(static i => i.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(i => Path.GetFullPath(Path.Combine(folder, i)))
            .ToList();
        var libFolder = assemblies.Count > 0 ? Path.GetDirectoryName(assemblies[0])! : folder;
        return new ResolvedPackage(identity.Id, identity.Version.ToNormalizedString(), libFolder, assemblies);
    }

    private static FrameworkSpecificGroup BestLibGroup(PluginReference reference, PackageIdentity identity, IEnumerable<FrameworkSpecificGroup> groups)
    {
        var list = groups.Where(static g => g.Items.Any(static i => i.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))).ToList();
        var nearest = new FrameworkReducer().GetNearest(HostFramework, list.Select(static g => g.TargetFramework));
        return list.FirstOrDefault(g => g.TargetFramework.Equals(nearest))
            ?? throw new ConfigurationException(
                $"{reference.Source}: the package {identity.Id} {identity.Version.ToNormalizedString()} has no assemblies for {HostFramework.GetShortFolderName()} "
                + $"(it has lib/{(list.Count == 0 ? "nothing" : string.Join(", lib/", list.Select(static g => g.TargetFramework.GetShortFolderName())))}).");
    }

    private void Install(PluginReference reference, PackageIdentity identity, string globalFolder)
    {
        var sources = new PackageSourceProvider(_settings.Value).LoadPackageSources().Where(static s => s.IsEnabled).ToList();
        var failures = new List<string>();
        using var cache = new SourceCacheContext();
        foreach (var source in sources)
        {
            try
            {
                var finder = Repository.Factory.GetCoreV3(source).GetResource<FindPackageByIdResource>();
                if (finder is null || !finder.DoesPackageExistAsync(identity.Id, identity.Version, cache, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult())
                {
                    continue;
                }

                using var stream = new MemoryStream();
                finder.CopyNupkgToStreamAsync(identity.Id, identity.Version, stream, cache, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult();
                stream.Position = 0;
                using var installed = GlobalPackagesFolderUtility.AddPackageAsync(
                    source.Source,
                    identity,
                    stream,
                    globalFolder,
                    parentId: Guid.Empty,
                    ClientPolicyContext.GetClientPolicy(_settings.Value, NullLogger.Instance),
                    NullLogger.Instance,
                    CancellationToken.None).GetAwaiter().GetResult();
                return;
            }
            catch (Exception ex) when (ex is FatalProtocolException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                failures.Add($"{source.Name}: {ex.Message}");
            }
        }

        var searched = sources.Count == 0 ? "no package sources are configured" : "sources searched: " + string.Join(", ", sources.Select(static s => s.Name));
        throw new ConfigurationException(
            $"{reference.Source}: the package {identity.Id} {identity.Version.ToNormalizedString()} was found neither in the global packages folder ({globalFolder}) nor in a package source ({searched})"
            + (failures.Count > 0 ? "; " + string.Join("; ", failures) : string.Empty) + ".");
    }
}
