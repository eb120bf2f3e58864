using System.Collections.Frozen;
using PgQuery;

namespace PgLint.Analysis;

/// <summary>Formats a <see cref="TypeName"/> the way PostgreSQL's <c>format_type</c> prints it (<c>character varying(20)</c>, <c>integer[]</c>).</summary>
public static class TypeNames
{
    /// <summary>The grammar's internal names (<c>int4</c>, <c>varchar</c>) and aliases, by canonical name.</summary>
    private static readonly FrozenDictionary<string, string> Canonical = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["int2"] = "smallint",
        ["int4"] = "integer",
        ["int"] = "integer",
        ["int8"] = "bigint",
        ["float4"] = "real",
        ["float8"] = "double precision",
        ["bool"] = "boolean",
        ["varchar"] = "character varying",
        ["bpchar"] = "character",
        ["varbit"] = "bit varying",
        ["decimal"] = "numeric",
        ["timestamptz"] = "timestamp with time zone",
        ["timestamp"] = "timestamp without time zone",
        ["timetz"] = "time with time zone",
        ["time"] = "time without time zone",
        ["serial"] = "integer",
        ["serial4"] = "integer",
        ["bigserial"] = "bigint",
        ["serial8"] = "bigint",
        ["smallserial"] = "smallint",
        ["serial2"] = "smallint",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The canonical name with modifiers and array brackets; a user type keeps its schema unless it is <c>public</c>.</summary>
    public static string Format(TypeName type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var names = type.Names.Select(static n => n.AsString()).OfType<string>().ToList();
        if (names.Count > 1 && names[0] is "pg_catalog" or "public")
        {
            names.RemoveAt(0);
        }

        var name = string.Join('.', names.Select(QualifiedName.Quote));
        if (names.Count == 1)
        {
            name = Canonical.GetValueOrDefault(names[0], QualifiedName.Quote(names[0]));
        }

        // interval's modifiers encode its fields, not a length; format_type prints them as words.
        var modifiers = type.Typmods.Count == 0 || name == "interval"
            ? string.Empty
            : "(" + string.Join(',', type.Typmods.Select(static m => m.ConstantText() ?? "?")) + ")";
        var text = name.EndsWith(" time zone", StringComparison.Ordinal)
            ? name.Insert(name.IndexOf(' ', StringComparison.Ordinal), modifiers)
            : name + modifiers;
        return text + string.Concat(Enumerable.Repeat("[]", type.ArrayBounds.Count));
    }

    /// <summary>True for <c>serial</c>, <c>bigserial</c> and <c>smallserial</c> (and their aliases), which imply a sequence and NOT NULL.</summary>
    public static bool IsSerial(TypeName type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Names.Count == 1 && type.ArrayBounds.Count == 0
            && type.Names[0].AsString() is "serial" or "serial4" or "bigserial" or "serial8" or "smallserial" or "serial2";
    }
}
