using Google.Protobuf;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Analysis;

/// <summary>
/// The source span of a whole AST node. The AST only records where a node starts, so a node whose
/// last located descendant is a qualified name (<c>b.y</c>), a type name (<c>double precision</c>),
/// a call (<c>f(a.b)</c>) or an <c>IS [NOT] NULL</c> test would otherwise end at that descendant's
/// first token; the words after it are found in the statement's tokens.
/// </summary>
internal static class NodeSpans
{
    /// <summary>The span from the node's first token to its last, closing brackets included.</summary>
    public static TextSpan GetNodeSpan(SqlStatement statement, IMessage node)
    {
        var (first, last) = node.GetLocationExtent();
        var span = statement.GetSpan(first, last);
        if (last < 0)
        {
            return span;
        }

        var lastToken = statement.FindTokenIndex(statement.GetFileByteOffset(last));
        if (lastToken < 0)
        {
            return span;
        }

        var end = lastToken;
        foreach (var (descendant, _) in node.DescendantsAndSelf())
        {
            // A node with words after its last location ends the span when nothing inside it starts later.
            if (descendant is ColumnRef or RangeVar or CollateClause or FuncCall or TypeName or NullTest or BooleanTest
                && descendant.GetLocation() is var own and >= 0 && own <= last
                && (own == last || descendant.GetLocationExtent().Last == last)
                && statement.FindTokenIndex(statement.GetFileByteOffset(own)) is var ownToken and >= 0)
            {
                end = Math.Max(end, LastTokenOf(statement, descendant, ownToken));
            }
        }

        if (end == lastToken)
        {
            return span;
        }

        var widened = TextSpan.FromBounds(span.Start, Math.Max(span.End, statement.GetTokenSpanAt(end).End));
        return statement.BalanceBrackets(widened);
    }

    /// <summary>The index of the last token of a node whose own location is token <paramref name="start"/>.</summary>
    private static int LastTokenOf(SqlStatement statement, IMessage node, int start) => node switch
    {
        ColumnRef or RangeVar or CollateClause => QualifiedNameEnd(statement, node is CollateClause ? Next(statement, start) : start),
        FuncCall => CallEnd(statement, QualifiedNameEnd(statement, start)),
        TypeName => TypeNameEnd(statement, QualifiedNameEnd(statement, start)),
        NullTest or BooleanTest => TestEnd(statement, start),
        _ => start,
    };

    /// <summary>The last token of <c>name</c>, <c>a.b</c>, <c>a.b.c</c> or <c>a.*</c> starting at <paramref name="start"/>.</summary>
    private static int QualifiedNameEnd(SqlStatement statement, int start)
    {
        if (start < 0)
        {
            return start;
        }

        var last = start;
        while (Next(statement, last) is var dot and >= 0
            && statement.Tokens[dot].Kind == Token.Ascii46
            && Next(statement, dot) is var part and >= 0)
        {
            last = part;
        }

        return last;
    }

    /// <summary>The closing parenthesis of a call's argument list when one follows the name.</summary>
    private static int CallEnd(SqlStatement statement, int name)
    {
        var open = Next(statement, name);
        return open >= 0 && statement.Tokens[open].Kind == Token.Ascii40 ? Closing(statement, open) : name;
    }

    /// <summary>The last word of a type name: <c>varying</c>, <c>precision</c>, modifiers, <c>with time zone</c>, array brackets.</summary>
    private static int TypeNameEnd(SqlStatement statement, int name)
    {
        var tokens = statement.Tokens;
        var last = name;
        while (Next(statement, last) is var next and >= 0 && tokens[next].Kind is Token.Varying or Token.Precision)
        {
            last = next;
        }

        if (Next(statement, last) is var open and >= 0 && tokens[open].Kind == Token.Ascii40)
        {
            last = Closing(statement, open);
        }

        if (Next(statement, last) is var with and >= 0 && tokens[with].Kind is Token.With or Token.WithLa or Token.Without
            && Next(statement, with) is var time and >= 0 && tokens[time].Kind == Token.Time
            && Next(statement, time) is var zone and >= 0 && tokens[zone].Kind == Token.Zone)
        {
            last = zone;
        }

        while (Next(statement, last) is var bracket and >= 0 && tokens[bracket].Kind == Token.Ascii91)
        {
            last = Closing(statement, bracket);
        }

        return last;
    }

    /// <summary>The last word of <c>IS [NOT] NULL</c>, <c>IS [NOT] TRUE</c> … starting at <c>IS</c> (or <c>ISNULL</c>/<c>NOTNULL</c>).</summary>
    private static int TestEnd(SqlStatement statement, int start)
    {
        var tokens = statement.Tokens;
        if (tokens[start].Kind != Token.Is)
        {
            return start;
        }

        var next = Next(statement, start);
        if (next >= 0 && tokens[next].Kind is Token.Not or Token.NotLa)
        {
            next = Next(statement, next);
        }

        return next >= 0 && tokens[next].Kind is Token.NullP or Token.TrueP or Token.FalseP or Token.Unknown ? next : start;
    }

    /// <summary>The token that closes the bracket at <paramref name="open"/> (the last token when it is never closed).</summary>
    private static int Closing(SqlStatement statement, int open)
    {
        var depth = 0;
        for (var i = open; i < statement.Tokens.Length; i++)
        {
            depth += statement.Tokens[i].Kind switch
            {
                Token.Ascii40 or Token.Ascii91 => 1,
                Token.Ascii41 or Token.Ascii93 => -1,
                _ => 0,
            };
            if (depth == 0)
            {
                return i;
            }
        }

        return statement.Tokens.Length - 1;
    }

    private static int Next(SqlStatement statement, int index)
    {
        if (index < 0)
        {
            return -1;
        }

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
