using PgLint.Analysis;
using PgQuery;

namespace Acme.PgLint.Rules;

/// <summary>What the Acme rules share: their category and help links, and schema names.</summary>
internal static class AcmeRules
{
    /// <summary>The category of every Acme rule (configure them all at once with <c>"acme": "error"</c>).</summary>
    public const string Category = "acme";

    /// <summary>The page documenting a rule.</summary>
    public static string HelpUri(string id) => $"https://wiki.acme.example/pglint/{id}";

    /// <summary>The schema a qualified relation names, or null when unqualified (it then lands wherever search_path says).</summary>
    public static string? Schema(RangeVar? relation) => relation is { Schemaname.Length: > 0 } ? relation.Schemaname : null;

    /// <summary>True when <paramref name="schema"/> is one of <paramref name="schemas"/> (PostgreSQL folds unquoted names to lower case, so compare ordinally).</summary>
    public static bool IsOneOf(string? schema, IEnumerable<string> schemas) =>
        schema is not null && schemas.Contains(schema, StringComparer.Ordinal);
}
