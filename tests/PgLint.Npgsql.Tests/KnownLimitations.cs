namespace PgLint.Npgsql.Tests;

/// <summary>Differences between replay and server that docs/catalog.md lists as known limitations.</summary>
internal static class KnownLimitations
{
    private static readonly (string Set, string Difference)[] Known =
    [
        // DDL inside DO blocks and function bodies is not replayed (0110 re-adds the constraint in a DO block).
        ("harbor", "constraint public.artifact_accessory unique_artifact_accessory Unique"),
        ("harbor", "index public.artifact_accessory unique_artifact_accessory unique "),
    ];

    public static bool IsKnown(string set, string difference) =>
        Known.Any(k => (k.Set == "*" || k.Set == set) && difference.StartsWith(k.Difference, StringComparison.Ordinal));
}
