using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Plugins;
using PgLint.Reporting;
using PgLint.Rules;

namespace PgLint.Cli;

/// <summary>The rule packs of a run: <c>plugins</c> in the configuration plus <c>--plugin</c>, next to the built-in rules.</summary>
internal sealed class PluginSetup
{
    private PluginSetup(ImmutableArray<LoadedPlugin> plugins) => Plugins = plugins;

    public ImmutableArray<LoadedPlugin> Plugins { get; }

    /// <summary>The analyzers of the run: built-in first, then each plugin's.</summary>
    public IEnumerable<Analyzer> Analyzers => BuiltInRules.CreateAnalyzers().Concat(Plugins.SelectMany(static p => p.Analyzers));

    /// <summary>The plugins as reports name them.</summary>
    public IReadOnlyList<RulePack> RulePacks =>
        [.. Plugins.Select(static p => new RulePack(p.Name, p.Version, [.. p.Descriptors.Select(static d => d.Id)]))];

    public static Option<string[]> CreateOption() => new("--plugin")
    {
        Description = "A rule pack: Id@Version from your NuGet sources, or a path to a .nupkg or .dll. Repeatable; adds to 'plugins' in pglint.json.",
    };

    /// <summary>Loads the plugins; relative paths in the configuration are resolved against its folder, those on the command line against the working directory.</summary>
    /// <exception cref="ConfigurationException">A plugin cannot be loaded or is refused.</exception>
    public static PluginSetup Load(Terminal terminal, PgLintConfiguration configuration, IEnumerable<string> commandLine, bool verbose)
    {
        var source = $"{configuration.Path ?? PgLintConfiguration.FileName}: plugins";
        var references = configuration.Plugins.Select(p => new PluginReference(p, configuration.BaseDirectory, source))
            .Concat(commandLine.Select(p => new PluginReference(p, terminal.WorkingDirectory, "--plugin")))
            .ToList();
        if (references.Count == 0)
        {
            return new PluginSetup([]);
        }

        var stopwatch = Stopwatch.StartNew();
        var nugetRoot = configuration.Path is null ? terminal.WorkingDirectory : configuration.BaseDirectory;
        var plugins = new PluginLoader(nugetRoot).Load(references);
        stopwatch.Stop();
        if (verbose)
        {
            foreach (var plugin in plugins)
            {
                terminal.Error.WriteLine($"pglint: plugin {plugin.Name} {plugin.Version} (SDK {plugin.SdkVersion.ToString(3)}): {plugin.Descriptors.Length} rule(s) from {plugin.Location}");
            }

            terminal.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pglint: {plugins.Length} plugin(s) discovered and loaded in {stopwatch.Elapsed.TotalMilliseconds:0.0} ms"));
        }

        return new PluginSetup(plugins);
    }
}
