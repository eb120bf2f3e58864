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

        // NUGET_PACKAGES overrides any configured globalPackagesFolder. Without it, a package already in the
        // default folder is used as is (an id and version name one immutable package), which spares reading
        // every nuget.config on the common path; otherwise the configured folder and sources decide.
        string globalFolder;
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } fromEnvironment)
        {
            globalFolder = Path.GetFullPath(fromEnvironment);
        }
        else
        {
            var defaultFolder = Path.Combine(NuGetEnvironment.GetFolderPath(NuGetFolderPath.NuGetHome), "packages");
            globalFolder = IsInstalled(defaultFolder, identity) ? defaultFolder : SettingsUtility.GetGlobalPackagesFolder(_settings.Value);
        }

        if (!IsInstalled(globalFolder, identity))
        {
            Install(reference, identity, globalFolder);
        }

        var installPath = new VersionFolderPathResolver(globalFolder).GetInstallPath(identity.Id, identity.Version);
        return FromFolder(reference, identity, installPath);
    }

    /// <summary>True when NuGet finished installing the package into <paramref name="globalFolder"/> (it writes the metadata file last).</summary>
    private static bool IsInstalled(string globalFolder, PackageIdentity identity)
    {
        var paths = new VersionFolderPathResolver(globalFolder);
        return File.Exists(paths.GetNupkgMetadataPath(identity.Id, identity.Version)) || File.Exists(paths.GetHashPath(identity.Id, identity.Version));
    }

    /// <summary>
    /// Extracts the best <c>lib</c> folder of a <c>.nupkg</c> file into the plugin cache, once per file
    /// (path, size and time stamp): later runs read the cache without opening the package.
    /// </summary>
    public ResolvedPackage FromNupkg(PluginReference reference)
    {
        var file = new FileInfo(reference.FullPath);
        if (!file.Exists)
        {
            throw new ConfigurationException($"{reference.Source}: the plugin package '{reference.Value}' does not exist.");
        }

        var stamp = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}")))[..24];
        var target = Path.Combine(_cacheDirectory, stamp);
        var marker = Path.Combine(target, ExtractedMarker);
        if (!File.Exists(marker))
        {
            var staging = target + ".tmp-" + Guid.NewGuid().ToString("N");
            using (var archive = new PackageArchiveReader(file.FullName))
            {
                var identity = archive.GetIdentity();
                var lib = BestLibGroup(reference, identity, archive.GetLibItems());
                foreach (var item in lib.Items)
                {
                    archive.ExtractFile(item, Path.Combine(staging, item), NullLogger.Instance);
                }

                var libFolder = Path.GetDirectoryName(lib.Items.First(static i => i.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))!;
                File.WriteAllLines(Path.Combine(staging, ExtractedMarker), [identity.Id, identity.Version.ToNormalizedString(), libFolder]);
            }

            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (File.Exists(marker))
            {
                // Another pglint extracted the same file meanwhile.
                Directory.Delete(staging, recursive: true);
            }
        }

        var lines = File.ReadAllLines(marker);
        return Resolved(lines[0], lines[1], Path.Combine(target, lines[2]));
    }

    private const string ExtractedMarker = ".pglint-package";

    private static ResolvedPackage FromFolder(PluginReference reference, PackageIdentity identity, string folder)
    {
        // The host's own framework folder is always the nearest; only other layouts need NuGet's reducer.
        var exact = Path.Combine(folder, "lib", HostFramework.GetShortFolderName());
        var libFolder = Directory.Exists(exact) && Directory.EnumerateFiles(exact, "*.dll").Any()
            ? exact
            : Path.GetDirectoryName(Path.Combine(folder, BestLibGroup(reference, identity, new PackageFolderReader(folder).GetLibItems())
                .Items.First(static i => i.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))))!;
        return Resolved(identity.Id, identity.Version.ToNormalizedString(), libFolder);
    }

    private static ResolvedPackage Resolved(string id, string version, string libFolder) =>
        new(id, version, Path.GetFullPath(libFolder), [.. Directory.EnumerateFiles(libFolder, "*.dll").Order(StringComparer.Ordinal).Select(Path.GetFullPath)]);

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
