using System.Globalization;

namespace PgLint.Analysis;

/// <summary>A readable, deterministic text form of a catalog (<c>pglint check --dump-catalog</c>), sorted by name.</summary>
public static class CatalogDump
{
    /// <summary>Writes every object of the catalog, one per line, children indented.</summary>
    public static void Write(Catalog catalog, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var schema in catalog.Schemas.Where(static s => s != "pg_catalog").Order(StringComparer.Ordinal))
        {
            writer.WriteLine($"schema {QualifiedName.Quote(schema)}");
        }

        foreach (var extension in catalog.Extensions.OrderBy(static e => e.Name, StringComparer.Ordinal))
        {
            writer.WriteLine($"extension {extension.Name}{(extension.Schema is null ? string.Empty : " schema " + extension.Schema)}");
        }

        foreach (var type in catalog.Types.OrderBy(static t => t.Name.ToString(), StringComparer.Ordinal))
        {
            var detail = type.Kind switch
            {
                TypeKind.Enum => " (" + string.Join(", ", type.EnumLabels.Select(static l => $"'{l}'")) + ")",
                TypeKind.Domain => $" {type.BaseType}{(type.NotNull ? " NOT NULL" : string.Empty)}",
                _ => string.Empty,
            };
            writer.WriteLine($"{type.Kind.ToString().ToLowerInvariant()} {type.Name}{detail}");
        }

        foreach (var table in catalog.Tables.OrderBy(static t => t.Name.ToString(), StringComparer.Ordinal))
        {
            WriteTable(catalog, table, writer);
        }

        foreach (var sequence in catalog.Sequences.OrderBy(static s => s.Name.ToString(), StringComparer.Ordinal))
        {
            writer.WriteLine($"sequence {sequence.Name}{(sequence.OwnedBy is { } owner ? $" owned by {owner.Table}.{QualifiedName.Quote(owner.Column)}" : string.Empty)}");
        }

        foreach (var function in catalog.Functions.OrderBy(static f => f.Signature, StringComparer.Ordinal))
        {
            var settings = string.Concat(function.Configuration.OrderBy(static c => c.Key, StringComparer.Ordinal).Select(static c => $" SET {c.Key} = {c.Value}"));
            writer.WriteLine($"{(function.IsProcedure ? "procedure" : "function")} {function.Signature} language {function.Language} {function.Volatility.ToString().ToLowerInvariant()}{(function.SecurityDefiner ? " security definer" : string.Empty)}{settings}");
        }

        foreach (var role in catalog.Roles.Order(StringComparer.Ordinal))
        {
            writer.WriteLine($"role {QualifiedName.Quote(role)}");
        }

        foreach (var grant in catalog.Grants.OrderBy(static g => $"{g.ObjectType} {g.Object} {g.Privilege} {g.Grantee}", StringComparer.Ordinal))
        {
            writer.WriteLine($"grant {grant.Privilege} on {grant.ObjectType} {grant.Object} to {grant.Grantee}");
        }
    }

    /// <summary>The catalog as one string.</summary>
    public static string ToText(Catalog catalog)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(catalog, writer);
        return writer.ToString();
    }

    private static void WriteTable(Catalog catalog, Table table, TextWriter writer)
    {
        var flags = (table.IsUnlogged ? " unlogged" : string.Empty)
            + (table.PartitionOf is { } parent ? $" partition of {parent}" : string.Empty)
            + (table.Inherits.IsEmpty ? string.Empty : " inherits " + string.Join(", ", table.Inherits))
            + (table.RowLevelSecurity ? " rls" : string.Empty)
            + (table.ForceRowLevelSecurity ? " force-rls" : string.Empty)
            + (table.ColumnsUnknown ? " columns-unknown" : string.Empty)
            + string.Concat(table.Options.OrderBy(static o => o.Key, StringComparer.Ordinal).Select(static o => $" {o.Key}={o.Value}"));
        writer.WriteLine($"{Kind(table.Kind)} {table.Name}{flags}");
        foreach (var column in table.Columns)
        {
            var extra = (column.Default is null ? string.Empty : $" DEFAULT {column.Default}")
                + (column.Identity == ColumnIdentity.None ? string.Empty : $" IDENTITY {column.Identity.ToString().ToLowerInvariant()}")
                + (column.Generated is null ? string.Empty : $" GENERATED ({column.Generated})");
            writer.WriteLine($"  column {column}{extra}");
        }

        foreach (var constraint in table.Constraints.OrderBy(static c => c.Name, StringComparer.Ordinal))
        {
            var detail = constraint.Type switch
            {
                ConstraintType.ForeignKey => $" ({string.Join(", ", constraint.Columns)}) references {constraint.ReferencedTable} ({string.Join(", ", constraint.ReferencedColumns)}) on delete {constraint.OnDelete} on update {constraint.OnUpdate}",
                ConstraintType.Check => $" ({constraint.Expression})",
                _ => $" ({string.Join(", ", constraint.Columns)})",
            };
            writer.WriteLine($"  constraint {constraint}{detail}{(constraint.IsValidated ? string.Empty : " not valid")}");
        }

        foreach (var index in catalog.IndexesOn(table).OrderBy(static i => i.Name.Name, StringComparer.Ordinal))
        {
            writer.WriteLine($"  index {QualifiedName.Quote(index.Name.Name)}{(index.IsUnique ? " unique" : string.Empty)} using {index.Method} ({string.Join(", ", index.Keys)})"
                + (index.Include.IsEmpty ? string.Empty : $" include ({string.Join(", ", index.Include)})")
                + (index.Predicate is null ? string.Empty : $" where {index.Predicate}")
                + (index.IsValid ? string.Empty : " invalid"));
        }

        foreach (var policy in catalog.PoliciesOn(table).OrderBy(static p => p.Name, StringComparer.Ordinal))
        {
            writer.WriteLine($"  policy {QualifiedName.Quote(policy.Name)} for {policy.Command} to {string.Join(", ", policy.Roles)}{(policy.IsPermissive ? string.Empty : " restrictive")}"
                + (policy.Using is null ? string.Empty : $" using ({policy.Using})")
                + (policy.WithCheck is null ? string.Empty : $" with check ({policy.WithCheck})"));
        }
    }

    private static string Kind(RelationKind kind) => kind switch
    {
        RelationKind.PartitionedTable => "partitioned table",
        RelationKind.MaterializedView => "materialized view",
        RelationKind.ForeignTable => "foreign table",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
