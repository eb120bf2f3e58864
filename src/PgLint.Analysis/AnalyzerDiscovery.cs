namespace PgLint.Analysis;

/// <summary>Finds the analyzers of a rule pack: its public, non-abstract <see cref="Analyzer"/> subclasses with a parameterless constructor.</summary>
public static class AnalyzerDiscovery
{
    /// <summary>The analyzer types among <paramref name="types"/>, ordered by full name.</summary>
    public static IEnumerable<Type> FindAnalyzerTypes(IEnumerable<Type> types) =>
        types
            .Where(static t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.IsSubclassOf(typeof(Analyzer)) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(static t => t.FullName, StringComparer.Ordinal);
}
