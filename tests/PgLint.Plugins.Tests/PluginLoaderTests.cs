using System.Runtime.Loader;
using FluentAssertions;
using NUnit.Framework;
using PgLint.Analysis;
using PgLint.Testing;
using PgLint.TestSupport;

namespace PgLint.Plugins.Tests;

[NonParallelizable]
public sealed class PluginLoaderTests
{
    private string _temp = null!;

    [SetUp]
    public void CreateTempFolder() => _temp = Directory.CreateTempSubdirectory("pglint-plugins-").FullName;

    [TearDown]
    public void RemoveTempFolder() => Directory.Delete(_temp, recursive: true);

    [TestCase("0.1.0", "0.1.0", true)]
    [TestCase("0.0.3", "0.1.0", true)]
    [TestCase("2.0.0", "2.3.1", true)]
    [TestCase("0.2.0", "0.1.0", false)]
    [TestCase("1.0.0", "0.1.0", false)]
    [TestCase("1.9.0", "2.0.0", false)]
    public void A_plugin_runs_on_the_same_major_sdk_unless_its_minor_is_newer(string plugin, string host, bool compatible) =>
        PluginLoader.IsCompatible(Version.Parse(plugin), Version.Parse(host)).Should().Be(compatible);

    [Test]
    public void A_dll_plugin_gets_its_own_context_shares_the_sdk_and_resolves_its_private_dependency()
    {
        var path = TestPlugins.BuildAsset("Throwing.PgLint.Rules");
        File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "PgLint.Syntax.dll")).Should().BeTrue("the build copied a PgLint.Syntax next to the plugin, which must not be used");

        var plugin = Loader().Load(new PluginReference(path, _temp, "test"));
        var diagnostics = AnalyzerVerifier.LintForTest("CREATE INDEX i ON t (a);", plugin.Analyzers);

        plugin.Name.Should().Be("Throwing.PgLint.Rules");
        plugin.SdkVersion.Should().Be(PluginLoader.HostSdkVersion);
        plugin.Descriptors.Select(static d => d.Id).Should().Equal("THROW001", "THROW002");
        diagnostics.Select(static d => d.Id).Should().Equal("PG0002", "THROW002");
        diagnostics[1].Message.Should().Be("A statement, worded by a private dependency.");
        var context = AssemblyLoadContext.GetLoadContext(plugin.Analyzers[0].GetType().Assembly)!;
        context.Should().NotBeSameAs(AssemblyLoadContext.Default);
        context.Name.Should().Be("pglint-plugin:Throwing.PgLint.Rules");
        context.Assemblies.Select(static a => a.GetName().Name).Should().Contain("Plugin.Helpers")
            .And.NotContain(["PgLint.Analysis", "PgLint.Syntax", "Google.Protobuf"]);
    }

    [Test]
    public void A_nupkg_is_extracted_once_and_read_from_the_cache_afterwards()
    {
        var feed = Path.Combine(_temp, "feed");
        TestPlugins.Pack(TestPlugins.SamplePack, feed);
        var reference = new PluginReference("feed/Acme.PgLint.Rules.1.2.0.nupkg", _temp, "test");

        var first = Loader().Load(reference);
        var second = Loader().Load(reference);

        first.Name.Should().Be("Acme.PgLint.Rules");
        first.Version.Should().Be("1.2.0");
        first.Descriptors.Select(static d => d.Id).Should().Equal("ACME001", "ACME002", "ACME003");
        second.Location.Should().Be(first.Location);
        Directory.GetDirectories(Path.Combine(_temp, "cache")).Should().ContainSingle();
        Directory.GetFiles(first.Location).Select(Path.GetFileName).Should().BeEquivalentTo(["Acme.PgLint.Rules.dll", "Acme.PgLint.Rules.xml"]);
    }

    [Test]
    public void A_package_id_is_installed_from_a_local_feed_into_the_global_packages_folder()
    {
        var feed = Path.Combine(_temp, "feed");
        TestPlugins.Pack(TestPlugins.SamplePack, feed);
        File.WriteAllText(Path.Combine(_temp, "nuget.config"), TestPlugins.NuGetConfig(feed));
        using var packages = new EnvironmentVariable("NUGET_PACKAGES", Path.Combine(_temp, "packages"));

        var plugin = Loader().Load(new PluginReference("Acme.PgLint.Rules@1.2.0", _temp, "test"));

        plugin.Location.Should().Be(Path.Combine(_temp, "packages", "acme.pglint.rules", "1.2.0", "lib", "net10.0"));
        plugin.Analyzers.Should().HaveCount(3);
    }

    [Test]
    public void The_same_plugin_in_the_configuration_and_on_the_command_line_loads_once()
    {
        var path = TestPlugins.BuildAsset("Throwing.PgLint.Rules");

        var plugins = Loader().Load([new PluginReference(path, _temp, "pglint.json: plugins"), new PluginReference(path, "/elsewhere", "--plugin")]);

        plugins.Should().ContainSingle();
    }

    [Test]
    public void A_plugin_built_against_sdk_9_is_refused_before_it_is_loaded()
    {
        var path = TestPlugins.BuildAsset("Incompatible.PgLint.Rules");

        var load = () => Loader().Load(new PluginReference(path, _temp, "--plugin"));

        load.Should().Throw<ConfigurationException>().WithMessage(
            $"--plugin: Plugin Incompatible.PgLint.Rules 1.0.0 was built against PgLint SDK 9.0.0; this pglint has SDK {PluginLoader.HostSdkVersion.ToString(3)}.");
        AssemblyLoadContext.All.Should().NotContain(static c => c.Name == "pglint-plugin:Incompatible.PgLint.Rules");
    }

    [TestCase("Acme.PgLint.Rules", "is not a plugin: give Id@Version")]
    [TestCase("Acme.PgLint.Rules@latest", "is not a plugin: give Id@Version")]
    [TestCase("missing/Rules.dll", "the plugin assembly 'missing/Rules.dll' does not exist.")]
    [TestCase("missing/Rules.1.0.0.nupkg", "the plugin package 'missing/Rules.1.0.0.nupkg' does not exist.")]
    [TestCase("garbage.dll", "'garbage.dll' is not a .NET assembly.")]
    public void A_bad_entry_is_a_configuration_error_naming_it(string entry, string message)
    {
        File.WriteAllText(Path.Combine(_temp, "garbage.dll"), "not a PE file");
        var load = () => Loader().Load(new PluginReference(entry, _temp, "pglint.json: plugins"));

        load.Should().Throw<ConfigurationException>().Which.Message.Should().StartWith("pglint.json: plugins: ").And.Contain(message);
    }

    private PluginLoader Loader() => new(_temp, Path.Combine(_temp, "cache"));
}
