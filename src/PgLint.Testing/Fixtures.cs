namespace PgLint.Testing;

/// <summary>
/// Fixture folders: one case per <c>.sql</c> file, SQL with the same markers as
/// <see cref="AnalyzerVerifier{TAnalyzer}.Verify"/>; a sibling <c>&lt;name&gt;.fixed.sql</c> holds the
/// text expected after applying the fixes. Feed <see cref="Find"/> to a data-driven test
/// (NUnit's <c>TestCaseSource</c>, xUnit's <c>MemberData</c>) to get one test per file.
/// </summary>
public static class Fixtures
{
    private const string FixedSuffix = ".fixed.sql";

    /// <summary>The fixture files of a folder and its subfolders, ordered by path; the <c>.fixed.sql</c> files are not fixtures.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<string> Find(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.sql", SearchOption.AllDirectories)
            .Where(static f => !f.EndsWith(FixedSuffix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

    /// <summary>The path of a fixture's expected text after fixes.</summary>
    public static string FixedPath(string fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return Path.ChangeExtension(fixture, null) + FixedSuffix;
    }
}
