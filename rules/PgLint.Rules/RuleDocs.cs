using System.Collections.Immutable;

namespace PgLint.Rules;

/// <summary>The rules' documentation pages (<c>docs/rules/&lt;ID&gt;.md</c>), embedded in this assembly.</summary>
public static class RuleDocs
{
    private const string Prefix = "PgLint.Rules.Docs.";

    /// <summary>The ids that have a page, ordered.</summary>
    public static ImmutableArray<string> Ids { get; } =
        [.. typeof(RuleDocs).Assembly.GetManifestResourceNames()
            .Where(static n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Select(static n => n[Prefix.Length..^".md".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The markdown page of a rule id (e.g. <c>PG1001</c>, any case), or null when it has none.</summary>
    public static string? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var name = Ids.FirstOrDefault(i => i.Equals(id.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return null;
        }

        using var stream = typeof(RuleDocs).Assembly.GetManifestResourceStream(Prefix + name + ".md");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
