using System.Diagnostics;

namespace PgLint.TestSupport;

/// <summary>Builds and packs the rule packs the plugin tests load, with the same configuration as the tests.</summary>
internal static class TestPlugins
{
    /// <summary>The folder of PgLint.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>The sample rule pack's project.</summary>
    public static string SamplePack => Path.Combine(RepositoryRoot, "samples", "rule-pack", "src", "Acme.PgLint.Rules.csproj");

    /// <summary>Builds a plugin project under tests/assets and returns its assembly.</summary>
    public static string BuildAsset(string name)
    {
        var project = Path.Combine(RepositoryRoot, "tests", "assets", name, name + ".csproj");
        DotNet("build", project, "-c", Configuration, "-nodeReuse:false");
        return Path.Combine(Path.GetDirectoryName(project)!, "bin", Configuration, "net10.0", name + ".dll");
    }

    /// <summary>Packs a project into a folder (a local NuGet feed).</summary>
    public static void Pack(string project, string feed) =>
        DotNet("pack", project, "-c", Configuration, "-o", feed, "-nodeReuse:false");

    /// <summary>A nuget.config that makes <paramref name="feed"/> the only package source.</summary>
    public static string NuGetConfig(string feed) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{feed}" />
          </packageSources>
        </configuration>
        """;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PgLint.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("PgLint.sln not found above " + AppContext.BaseDirectory);
    }

    private static FileStream AcquireBuildLock()
    {
        var path = Path.Combine(Path.GetTempPath(), "pglint-test-plugins.lock");
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static void DotNet(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild settings are not the child build's business.
        foreach (var key in start.Environment.Keys.Where(static k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        // Test projects run in parallel; two builds of one project at a time would trip over each other's files.
        using var buildLock = AcquireBuildLock();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed with exit code {process.ExitCode}:\n{output.Result}\n{error}");
        }
    }
}

/// <summary>Sets an environment variable for the duration of a test.</summary>
internal sealed class EnvironmentVariable : IDisposable
{
    private readonly string _name;
    private readonly string? _previous;

    public EnvironmentVariable(string name, string? value)
    {
        _name = name;
        _previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(_name, _previous);
}
