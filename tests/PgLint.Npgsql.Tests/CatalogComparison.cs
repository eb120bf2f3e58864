using PgLint.Analysis;

namespace PgLint.Npgsql.Tests;

/// <summary>The differences between the server's catalog and the replayed one, one line each, and how much was compared.</summary>
internal static class CatalogComparison
{
    public static (List<string> Differences, int Compared) Compare(Catalog server, Catalog replayed)
    {
        var differences = new List<string>();
        var compared = 0;
        foreach (var table in server.Tables.OrderBy(static t => t.Name.ToString(), StringComparer.Ordinal))
        {
            compared++;
            if (replayed.FindTable(table.Name) is not { } mine)
            {
                differences.Add($"{table.Kind} {table.Name}: not replayed");
                continue;
            }

            if (table.PartitionStrategy is not null || mine.PartitionStrategy is not null)
            {
                compared++;
                var partitioning = $"partition by {table.PartitionStrategy} ({string.Join(", ", table.PartitionKey.Select(static k => k ?? "(expression)"))})";
                var replayedPartitioning = $"partition by {mine.PartitionStrategy} ({string.Join(", ", mine.PartitionKey.Select(static k => k ?? "(expression)"))})";
                if (partitioning != replayedPartitioning)
                {
                    differences.Add($"{table.Kind} {table.Name}: {replayedPartitioning}, server {partitioning}");
                }
            }

            compared += CompareColumns(table, mine, differences);
            compared += CompareConstraints(table, mine, differences);
            compared += CompareIndexes(server, replayed, table, mine, differences);
        }

        differences.AddRange(replayed.Tables.Where(t => server.FindTable(t.Name) is null).Select(static t => $"{t.Kind} {t.Name}: not on the server"));
        compared += CompareFunctions(server, replayed, differences);
        return (differences, compared);
    }

    private static int CompareFunctions(Catalog server, Catalog replayed, List<string> differences)
    {
        static string Describe(Function f) =>
            $"{(f.IsProcedure ? "procedure" : "function")} {f.Signature} language {f.Language} {f.Volatility.ToString().ToLowerInvariant()}{(f.SecurityDefiner ? " security definer" : string.Empty)}";

        var serverFunctions = server.Functions.Select(Describe).ToHashSet(StringComparer.Ordinal);
        var replayedFunctions = replayed.Functions.Select(Describe).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(serverFunctions.Except(replayedFunctions).Order(StringComparer.Ordinal).Select(static f => $"{f}: not replayed"));
        differences.AddRange(replayedFunctions.Except(serverFunctions).Order(StringComparer.Ordinal).Select(static f => $"{f}: not on the server"));
        return serverFunctions.Count;
    }

    private static int CompareColumns(Table table, Table mine, List<string> differences)
    {
        if (mine.ColumnsUnknown && mine.Columns.Count == 0)
        {
            return 0;
        }

        foreach (var column in table.Columns)
        {
            var where = $"column {table.Name}.{column.Name}";
            if (mine.FindColumn(column.Name) is not { } replayed)
            {
                differences.Add($"{where}: not replayed");
                continue;
            }

            if (replayed.TypeName != column.TypeName)
            {
                differences.Add($"{where}: type {replayed.TypeName}, server {column.TypeName}");
            }

            if (replayed.NotNull != column.NotNull)
            {
                differences.Add($"{where}: NOT NULL {replayed.NotNull}, server {column.NotNull}");
            }

            if ((replayed.Default is null) != (column.Default is null))
            {
                differences.Add($"{where}: default {replayed.Default ?? "none"}, server {column.Default ?? "none"}");
            }
        }

        differences.AddRange(mine.Columns.Where(c => table.FindColumn(c.Name) is null).Select(c => $"column {table.Name}.{c.Name}: not on the server"));
        return table.Columns.Count;
    }

    private static int CompareConstraints(Table table, Table mine, List<string> differences)
    {
        static string Describe(TableConstraint c) =>
            $"{c.Name} {c.Type} ({string.Join(", ", c.Columns.Order(StringComparer.Ordinal))})"
            + (c.Type == ConstraintType.ForeignKey ? $" references {c.ReferencedTable} ({string.Join(", ", c.ReferencedColumns)}) on delete {c.OnDelete}" : string.Empty)
            + (c.IsValidated ? string.Empty : " not valid");

        var server = table.Constraints.Select(Describe).ToHashSet(StringComparer.Ordinal);
        var replayed = mine.Constraints.Select(Describe).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(server.Except(replayed).Order(StringComparer.Ordinal).Select(c => $"constraint {table.Name} {c}: not replayed"));
        differences.AddRange(replayed.Except(server).Order(StringComparer.Ordinal).Select(c => $"constraint {table.Name} {c}: not on the server"));
        return server.Count;
    }

    private static int CompareIndexes(Catalog serverCatalog, Catalog replayedCatalog, Table table, Table mine, List<string> differences)
    {
        static string Describe(Analysis.Index index) =>
            $"{index.Name.Name}{(index.IsUnique ? " unique" : string.Empty)} using {index.Method} ({string.Join(", ", index.Keys.Select(static k => k.Column ?? "expr"))})"
            + (index.Include.IsEmpty ? string.Empty : $" include ({string.Join(", ", index.Include)})")
            + (index.Predicate is null ? string.Empty : " partial");

        var server = serverCatalog.IndexesOn(table).Select(Describe).ToHashSet(StringComparer.Ordinal);
        var replayed = replayedCatalog.IndexesOn(mine).Select(Describe).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(server.Except(replayed).Order(StringComparer.Ordinal).Select(i => $"index {table.Name} {i}: not replayed"));
        differences.AddRange(replayed.Except(server).Order(StringComparer.Ordinal).Select(i => $"index {table.Name} {i}: not on the server"));
        return server.Count;
    }
}
