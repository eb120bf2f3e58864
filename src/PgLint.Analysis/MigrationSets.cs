using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileSystemGlobbing;

namespace PgLint.Analysis;

/// <summary>Files of one migration set in the order the migration tool applies them.</summary>
/// <param name="Name">The folder (or file) the set was given as.</param>
/// <param name="Files">Absolute paths in runner order.</param>
public sealed record MigrationSetFiles(string Name, ImmutableArray<string> Files);

/// <summary>
/// Finds migration sets from the paths given on the command line. A folder is one set, ordered as
/// its migration tool would: sqitch by <c>sqitch.plan</c>; Flyway <c>V&lt;version&gt;__</c> by version
/// then <c>R__</c> repeatables; otherwise natural order of the relative paths, which covers numeric and
/// timestamp prefixes, golang-migrate <c>*.up.sql</c> and Prisma <c>&lt;timestamp&gt;_name/migration.sql</c>.
/// <c>*.down.sql</c> files are not part of the forward set. A file is its own set unless a given folder
/// contains it.
/// </summary>
public static partial class MigrationSetDiscovery
{
    /// <summary>Expands paths, folders and globs into sets; <paramref name="missing"/> receives inputs that match nothing.</summary>
    public static ImmutableArray<MigrationSetFiles> Discover(
        IEnumerable<string> inputs,
        string baseDirectory,
        IEnumerable<string>? exclude,
        out ImmutableArray<string> missing)
    {
        var excludeMatcher = new Matcher(StringComparison.Ordinal);
        var excludes = (exclude ?? []).ToList();
        excludeMatcher.AddIncludePatterns(excludes);
        bool Excluded(string path) => excludes.Count > 0
            && excludeMatcher.Match(baseDirectory, Path.GetRelativePath(baseDirectory, path).Replace('\\', '/')).HasMatches;

        var folders = new List<string>();
        var files = new List<string>();
        var notFound = new List<string>();
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input, baseDirectory);
            if (Directory.Exists(full))
            {
                folders.Add(full);
            }
            else if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (input.IndexOfAny(['*', '?']) >= 0)
            {
                var matcher = new Matcher(StringComparison.Ordinal);
                matcher.AddInclude(input.Replace('\\', '/'));
                var matches = matcher.GetResultsInFullPath(baseDirectory).Where(static f => f.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 0)
                {
                    notFound.Add(input);
                }

                files.AddRange(matches);
            }
            else
            {
                notFound.Add(input);
            }
        }

        missing = [.. notFound];
        var sets = new List<MigrationSetFiles>();
        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            sets.Add(new MigrationSetFiles(folder, [.. OrderFolder(folder).Where(f => !Excluded(f))]));
        }

        var inFolders = sets.SelectMany(static s => s.Files).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files.Distinct(StringComparer.Ordinal).Where(f => !inFolders.Contains(f) && !Excluded(f)))
        {
            sets.Add(new MigrationSetFiles(file, [file]));
        }

        return [.. sets];
    }

    /// <summary>The forward migration files of a folder in runner order.</summary>
    public static ImmutableArray<string> OrderFolder(string folder)
    {
        var plan = Path.Combine(folder, "sqitch.plan");
        if (File.Exists(plan))
        {
            return OrderSqitch(folder, plan);
        }

        var files = Directory.EnumerateFiles(folder, "*.sql", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
            .Where(static f => !f.EndsWith(".down.sql", StringComparison.OrdinalIgnoreCase))
            .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .ToList();
        var flyway = files.Where(static f => FlywayVersioned().IsMatch(Path.GetFileName(f.Relative))).ToList();
        if (flyway.Count > 0 && flyway.Count * 2 >= files.Count)
        {
            var repeatable = files.Where(static f => Path.GetFileName(f.Relative).StartsWith("R__", StringComparison.Ordinal));
            return
            [
                .. flyway.OrderBy(static f => FlywayVersion(Path.GetFileName(f.Relative)), VersionComparer.Instance).Select(static f => f.Full),
                .. repeatable.OrderBy(static f => f.Relative, NaturalComparer.Instance).Select(static f => f.Full),
            ];
        }

        return [.. files.OrderBy(static f => f.Relative, NaturalComparer.Instance).Select(static f => f.Full)];
    }

    private static ImmutableArray<string> OrderSqitch(string folder, string plan)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var raw in File.ReadLines(plan))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '%' or '#' or '@')
            {
                continue;
            }

            var change = line.Split([' ', '\t'], 2)[0];
            var deploy = Path.Combine(folder, "deploy", change + ".sql");
            if (File.Exists(deploy))
            {
                builder.Add(deploy);
            }
        }

        return builder.ToImmutable();
    }

    private static string FlywayVersion(string fileName) => FlywayVersioned().Match(fileName).Groups["v"].Value;

    [GeneratedRegex(@"^V(?<v>\d+(?:[._]\d+)*)__.*\.sql$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FlywayVersioned();

    /// <summary>Compares dotted/underscored versions numerically (1.9 &lt; 1.10).</summary>
    private sealed class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? string.Empty).Split('.', '_');
            var b = (y ?? string.Empty).Split('.', '_');
            for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            {
                var left = i < a.Length ? decimal.Parse(a[i], CultureInfo.InvariantCulture) : 0;
                var right = i < b.Length ? decimal.Parse(b[i], CultureInfo.InvariantCulture) : 0;
                if (left != right)
                {
                    return left.CompareTo(right);
                }
            }

            return 0;
        }
    }
}

/// <summary>Orders strings with digit runs compared as numbers (<c>v1.9</c> before <c>v1.10</c>, <c>2_x</c> before <c>10_x</c>).</summary>
public sealed class NaturalComparer : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static NaturalComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        x ??= string.Empty;
        y ??= string.Empty;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var startI = i;
                var startJ = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                var a = x.AsSpan(startI, i - startI).TrimStart('0');
                var b = y.AsSpan(startJ, j - startJ).TrimStart('0');
                var byNumber = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (byNumber != 0)
                {
                    return byNumber;
                }

                continue;
            }

            var byChar = x[i].CompareTo(y[j]);
            if (byChar != 0)
            {
                return byChar;
            }

            i++;
            j++;
        }

        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }
}
