using System.Runtime.CompilerServices;
using FluentAssertions;

namespace PgLint.Reporting.Tests;

/// <summary>Compares output with a checked-in file under <c>Golden/</c>; <c>PGLINT_UPDATE_GOLDEN=1</c> rewrites the file instead.</summary>
internal static class Golden
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Golden", name);
        if (Environment.GetEnvironmentVariable("PGLINT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).Should().BeTrue($"the golden file {path} exists (create it with PGLINT_UPDATE_GOLDEN=1 and review it)");
        actual.Should().Be(File.ReadAllText(path).ReplaceLineEndings("\n"), $"the output matches {path} (after an intended change, rewrite it with PGLINT_UPDATE_GOLDEN=1 and review the diff)");
    }
}
