using System.Collections.Immutable;
using Npgsql;
using PgLint.Analysis;

namespace PgLint.Npgsql;

/// <summary>
/// Loads a <see cref="Catalog"/> from a live database through <c>pg_catalog</c>: schemas, tables,
/// columns (as <c>format_type</c> prints their types), indexes, constraints, row-level security,
/// policies, sequences, functions (not those of extensions) and extensions. System schemas are left out. Every object's origin is
/// <see cref="ObjectOrigin.Database"/>, so rules treat it as existing.
/// </summary>
public static class CatalogLoader
{
    /// <summary>Reads the catalog of the database <paramref name="connection"/> is connected to.</summary>
    public static async Task<Catalog> LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var catalog = new Catalog();
        var builder = new LoadedCatalogBuilder(catalog);
        await ReadAsync(connection, CatalogQueries.Schemas, r => builder.AddSchema(r.GetString(0)), cancellationToken).ConfigureAwait(false);
        await ReadAsync(connection, CatalogQueries.Extensions, r => builder.AddExtension(r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);
        await ReadAsync(connection, CatalogQueries.Tables, r => builder.AddTable(new LoadedTable(
            Name(r, 0), r.GetChar(2), r.GetChar(3) == 'u', r.GetBoolean(4), r.GetBoolean(5), r.IsDBNull(6) ? null : Name(r, 6), r.IsDBNull(8) ? [] : [.. r.GetFieldValue<string[]>(8)],
            r.IsDBNull(9) ? null : r.GetChar(9), r.IsDBNull(10) ? [] : [.. r.GetFieldValue<string?[]>(10)])), cancellationToken).ConfigureAwait(false);
        await ReadAsync(connection, CatalogQueries.Columns, r => builder.AddColumn(Name(r, 0), new LoadedColumn(
            r.GetString(2), r.GetString(3), r.GetBoolean(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetChar(6), r.GetChar(7))), cancellationToken).ConfigureAwait(false);
        await ReadAsync(connection, CatalogQueries.Constraints, r => builder.AddConstraint(Name(r, 0), new LoadedConstraint(
            r.GetString(2), r.GetChar(3), r.GetFieldValue<string[]>(4), r.IsDBNull(5) ? null : Name(r, 5), r.GetFieldValue<string[]>(7),
            r.GetChar(8), r.GetChar(9), r.GetBoolean(10), r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12))), cancellationToken).ConfigureAwait(false);
        await ReadAsync(connection, CatalogQueries.Indexes, r => builder.AddIndex(new LoadedIndex(
            Name(r, 0), Name(r, 2), r.GetString(4), r.GetBoolean(5), r.GetBoolean(6), r.GetBoolean(7), r.GetInt16(8),
            r.GetFieldValue<string[]>(9), r.GetFieldValue<bool[]>(10), r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12))), cancellationToken).ConfigureAwait(false);
        await ReadAsync(connection, CatalogQueries.Policies, r => builder.AddPolicy(Name(r, 0), new LoadedPolicy(
            r.GetString(2), r.GetChar(3), r.GetBoolean(4), r.GetFieldValue<string[]>(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7))), cancellationToken).ConfigureAwait(false);
        await ReadAsync(connection, CatalogQueries.Sequences, r => builder.AddSequence(Name(r, 0), r.IsDBNull(2) ? null : (Name(r, 2), r.GetString(4))), cancellationToken).ConfigureAwait(false);
        await ReadAsync(connection, CatalogQueries.Functions, r => builder.AddFunction(new LoadedFunction(
            Name(r, 0), r.GetFieldValue<string[]>(2), r.GetChar(3), r.GetString(4), r.GetChar(5), r.GetBoolean(6), r.IsDBNull(7) ? [] : r.GetFieldValue<string[]>(7))), cancellationToken).ConfigureAwait(false);
        return catalog;
    }

    private static QualifiedName Name(NpgsqlDataReader reader, int ordinal) => new(reader.GetString(ordinal), reader.GetString(ordinal + 1));

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }
}

/// <summary>A table row of <see cref="CatalogQueries.Tables"/>.</summary>
internal sealed record LoadedTable(QualifiedName Name, char Kind, bool Unlogged, bool RowSecurity, bool ForceRowSecurity, QualifiedName? PartitionOf, ImmutableArray<string> Options, char? PartitionStrategy, ImmutableArray<string?> PartitionKey);

/// <summary>A function row: <c>prokind</c>, <c>provolatile</c> and <c>proconfig</c> as <c>pg_proc</c> stores them.</summary>
internal sealed record LoadedFunction(QualifiedName Name, string[] ArgumentTypes, char Kind, string Language, char Volatility, bool SecurityDefiner, string[] Configuration);

/// <summary>A column row.</summary>
internal sealed record LoadedColumn(string Name, string Type, bool NotNull, string? Default, char Identity, char Generated);

/// <summary>A constraint row.</summary>
internal sealed record LoadedConstraint(string Name, char Type, string[] Columns, QualifiedName? Referenced, string[] ReferencedColumns, char OnUpdate, char OnDelete, bool Validated, string Definition, string? Index);

/// <summary>An index row: key and INCLUDE columns come from <c>pg_get_indexdef(…, column, true)</c>.</summary>
internal sealed record LoadedIndex(QualifiedName Name, QualifiedName Table, string Method, bool Unique, bool Primary, bool Valid, short KeyCount, string[] Columns, bool[] IsExpression, string? Predicate, string? Constraint);

/// <summary>A policy row.</summary>
internal sealed record LoadedPolicy(string Name, char Command, bool Permissive, string[] Roles, string? Using, string? WithCheck);
