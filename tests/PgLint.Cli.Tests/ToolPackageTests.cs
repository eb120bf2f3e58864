using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Cli.Tests;

/// <summary>The packed tool installs from a folder feed and runs with the libpg_query it carries.</summary>
public sealed class ToolPackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Test]
    public void The_packed_tool_installs_from_a_folder_feed_and_lints_with_its_own_libpg_query()
    {
        using var temp = new TempFolder();
        var feed = Path.Combine(temp.Path, "feed");
        var tools = Path.Combine(temp.Path, "tools");
        var nugetConfig = temp.Write("nuget.config", PgLint.TestSupport.TestPlugins.NuGetConfig(feed));

        Run("dotnet", "pack", Path.Combine(Repository.Root, "src", "PgLint.Cli", "PgLint.Cli.csproj"), "-c", Configuration, "--no-build", "-o", feed);
        Run("dotnet", "tool", "install", "PgLint.Cli", "--tool-path", tools, "--configfile", nugetConfig,
            "--version", typeof(Program).Assembly.GetName().Version!.ToString(3));
        var (exit, output, error) = Run(Path.Combine(tools, "pglint"), "check", Repository.Samples, "--format", "gcc", "--verbose");

        exit.Should().Be(ExitCodes.Findings, error);
        output.Should().Contain("0002_index_orders_by_customer.sql:2:1: warning:").And.Contain("[PG1001]");
        var loaded = error.Split('\n').Single(static l => l.Contains("libpg_query from", StringComparison.Ordinal));
        loaded.Should().Contain(tools + "/.store/").And.EndWith("runtimes/linux-x64/native/libpg_query.so.1504.0");
    }

    private static (int Exit, string Output, string Error) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(300_000).Should().BeTrue($"{file} {string.Join(' ', args)} finishes");
        if (file == "dotnet")
        {
            process.ExitCode.Should().Be(0, $"{file} {string.Join(' ', args)} failed:\n{output.Result}\n{error.Result}");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
