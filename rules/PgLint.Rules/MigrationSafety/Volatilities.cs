using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>How volatile an expression is, as far as the rules can tell without a server.</summary>
internal static class Volatilities
{
    // Built-in functions PostgreSQL marks volatile (pg_proc.provolatile = 'v'), and the extension ones migrations use as defaults.
    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal)
    {
        "random", "setseed", "nextval", "setval", "currval", "lastval", "gen_random_uuid", "gen_random_bytes", "gen_salt",
        "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp", "timeofday", "txid_current",
        "pg_current_xact_id", "random_normal", "uuidv4", "uuidv7", "uuid_generate_v7",
    };

    // Built-in functions that are immutable or stable, common in column defaults.
    private static readonly HashSet<string> NotVolatile = new(StringComparer.Ordinal)
    {
        "now", "transaction_timestamp", "statement_timestamp", "timezone", "current_setting", "to_char", "to_timestamp", "to_date",
        "date_trunc", "date_part", "extract", "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval",
        "lower", "upper", "length", "btrim", "ltrim", "rtrim", "trim", "replace", "substring", "substr", "concat", "concat_ws",
        "format", "md5", "encode", "decode", "left", "right", "lpad", "rpad", "repeat", "string_to_array", "array_fill",
        "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array", "to_jsonb", "to_json",
        "array_to_json", "row_to_json", "jsonb_object", "json_object", "abs", "round", "floor", "ceil", "power", "pi",
        "inet", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "point", "uuid_nil", "age",
    };

    /// <summary>
    /// The first call in <paramref name="expression"/> that is volatile, or whose volatility is not known (an
    /// unknown function is treated as volatile), with what makes it so; null when the expression is constant,
    /// immutable or stable.
    /// </summary>
    public static (string Call, bool Known)? FirstVolatileCall(Node expression, Catalog catalog)
    {
        foreach (var (node, _) in expression.DescendantsAndSelf())
        {
            if (node is not FuncCall call || call.Funcname.LastOrDefault().AsString() is not { } name)
            {
                continue;
            }

            var qualified = call.Funcname.ToQualifiedName();
            if (Volatile.Contains(name))
            {
                return (qualified + "()", true);
            }

            var declared = catalog.FindFunctions(qualified).ToList();
            if (declared.Count > 0)
            {
                if (declared.Any(static f => f.Volatility is Volatility.Volatile or Volatility.Unknown))
                {
                    return (qualified + "()", true);
                }

                continue;
            }

            var builtIn = qualified.Schema is null or "pg_catalog" && NotVolatile.Contains(name);
            if (!builtIn)
            {
                return (qualified + "()", false);
            }
        }

        return null;
    }

    /// <summary>
    /// The source text of an expression on one line. A node's locations end at the name of its last call, so the
    /// span is extended over a qualified name's remaining parts and the call's parenthesised arguments.
    /// </summary>
    public static string Text(StatementContext context, Node expression)
    {
        var statement = context.Statement;
        var source = context.Document.Source;
        var span = context.GetSpan(expression);
        var tokens = statement.Tokens.Where(static t => !t.IsComment).ToList();
        var next = tokens.FindIndex(t => source.GetCharOffset(t.ByteStart) >= span.End);
        while (next >= 0 && next < tokens.Count)
        {
            if (tokens[next].Kind == Token.Ascii46 && next + 1 < tokens.Count)
            {
                next += 2;
            }
            else if (tokens[next].Kind == Token.Ascii40)
            {
                var depth = 0;
                var i = next;
                for (; i < tokens.Count; i++)
                {
                    depth += tokens[i].Kind == Token.Ascii40 ? 1 : tokens[i].Kind == Token.Ascii41 ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }

                if (i == tokens.Count)
                {
                    break;
                }

                next = i + 1;
            }
            else
            {
                break;
            }

            span = TextSpan.FromBounds(span.Start, source.GetCharOffset(tokens[next - 1].ByteEnd));
        }

        return string.Join(' ', source.ToString(span).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
