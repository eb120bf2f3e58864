using PgLint.Syntax;
using PgQuery;

namespace PgLint.Analysis;

/// <summary>
/// Finding keywords and names in a statement's tokens: for locations and fixes at places the AST
/// has no <c>location</c> for (<c>INDEX</c>, <c>CONCURRENTLY</c>, the end of a qualified name).
/// </summary>
public static class StatementSyntax
{
    /// <summary>The index in <see cref="SqlStatement.Tokens"/> of the first token of <paramref name="kind"/> at or after <paramref name="startIndex"/>, or -1.</summary>
    public static int IndexOfToken(this SqlStatement statement, Token kind, int startIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(statement);
        for (var i = Math.Max(0, startIndex); i < statement.Tokens.Length; i++)
        {
            if (statement.Tokens[i].Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The character span of the token at <paramref name="index"/> in <see cref="SqlStatement.Tokens"/>.</summary>
    public static TextSpan GetTokenSpanAt(this SqlStatement statement, int index)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var token = statement.Tokens[index];
        return statement.Source.GetSpanFromBytes(token.ByteStart, token.ByteEnd);
    }

    /// <summary>The span of the first token of <paramref name="kind"/> (e.g. <c>Token.Concurrently</c>), or null when there is none.</summary>
    public static TextSpan? FindKeyword(this SqlStatement statement, Token kind)
    {
        var index = statement.IndexOfToken(kind);
        return index < 0 ? null : statement.GetTokenSpanAt(index);
    }

    /// <summary>
    /// The span of a possibly qualified name that starts at an AST <c>location</c> (a
    /// <see cref="RangeVar"/>'s): <c>orders</c>, <c>sales.orders</c>, <c>"Sales"."Orders"</c>.
    /// </summary>
    public static TextSpan GetQualifiedNameSpan(this SqlStatement statement, int location)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var first = location < 0 ? -1 : statement.FindTokenIndex(statement.GetFileByteOffset(location));
        if (first < 0)
        {
            return statement.GetTokenSpan(location);
        }

        var last = first;
        while (NextCode(statement, last) is var dot and >= 0
            && statement.Tokens[dot].Kind == Token.Ascii46
            && NextCode(statement, dot) is var part and >= 0)
        {
            last = part;
        }

        var start = statement.GetTokenSpanAt(first);
        return TextSpan.FromBounds(start.Start, statement.GetTokenSpanAt(last).End);
    }

    /// <summary>
    /// The span widened to whole bracketed groups: over the opening <c>(</c> / <c>[</c> of closers
    /// inside it, and over the closers of openers inside it. <c>a + b) = NULL</c> (where a node's
    /// first location is inside a parenthesis) becomes <c>(a + b) = NULL</c>; <c>arr[1</c> becomes <c>arr[1]</c>.
    /// </summary>
    public static TextSpan BalanceBrackets(this SqlStatement statement, TextSpan span)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement.BalanceBrackets(span);
    }


    private static int NextCode(SqlStatement statement, int index)
    {
        for (var i = index + 1; i < statement.Tokens.Length; i++)
        {
            if (!statement.Tokens[i].IsComment)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>The generic option lists of utility statements: <c>REINDEX (CONCURRENTLY)</c>, <c>VACUUM (FULL, ANALYZE)</c>, <c>CLUSTER (VERBOSE)</c>.</summary>
public static class UtilityOptions
{
    /// <summary>
    /// True when the option list turns <paramref name="name"/> on: given without a value, or with a
    /// value PostgreSQL reads as true (<c>true</c>, <c>on</c>, <c>yes</c>, <c>1</c>).
    /// </summary>
    public static bool IsOptionOn(this IEnumerable<Node> options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        var option = options.Select(static o => o.DefElem).LastOrDefault(o => o is not null && string.Equals(o.Defname, name, StringComparison.OrdinalIgnoreCase));
        return option switch
        {
            null => false,
            { Arg: null } => true,
            { Arg.Integer: { } number } => number.Ival != 0,
            { Arg.Boolean: { } flag } => flag.Boolval,
            { Arg.String.Sval: { } text } => text.ToLowerInvariant() is "true" or "t" or "on" or "yes" or "y" or "1",
            _ => false,
        };
    }
}
