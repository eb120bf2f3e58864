namespace PgLint.Analysis;

/// <summary>
/// The statements that created the objects of a replayed catalog, keyed by the names a live
/// database's objects carry (<see cref="LogicalLocation.Of"/>), so a finding about a live object can
/// also point at its DDL.
/// </summary>
internal static class SourceIndex
{
    public static Dictionary<LogicalLocation, Location> Build(Catalog catalog)
    {
        var index = new Dictionary<LogicalLocation, Location>();
        foreach (var table in catalog.Tables)
        {
            Add(index, LogicalLocation.Of("table", table.Name), table.Origin);
            foreach (var constraint in table.Constraints)
            {
                Add(index, LogicalLocation.Of("constraint", table.Name, constraint.Name), constraint.Origin);
            }
        }

        foreach (var created in catalog.Indexes)
        {
            Add(index, LogicalLocation.Of("index", created.Name), created.Origin);
        }

        foreach (var sequence in catalog.Sequences)
        {
            Add(index, LogicalLocation.Of("sequence", sequence.Name), sequence.Origin);
        }

        foreach (var policy in catalog.Policies)
        {
            Add(index, LogicalLocation.Of("policy", policy.Table, policy.Name), policy.Origin);
        }

        return index;
    }

    private static void Add(Dictionary<LogicalLocation, Location> index, LogicalLocation key, ObjectOrigin origin)
    {
        if (origin.Location is { } location)
        {
            index.TryAdd(key, location);
        }
    }
}
