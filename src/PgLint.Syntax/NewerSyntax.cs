using System.Text;
using PgLint.Syntax.Native;
using PgQuery;

namespace PgLint.Syntax;

/// <summary>
/// Syntax that a PostgreSQL release newer than the bundled parser (PostgreSQL 15) accepts, found in a
/// statement the parser rejected.
/// </summary>
/// <param name="Construct">What it is, as PostgreSQL's documentation names it, e.g. <c>JSON_TABLE</c>.</param>
/// <param name="PostgresVersion">The major version that introduced it, e.g. 17.</param>
public sealed record NewerSyntax(string Construct, int PostgresVersion);

/// <summary>
/// Tells a statement written in PostgreSQL 16 or 17 syntax from a real syntax error. At the parser's
/// error position the scanner's tokens are matched against the constructs those releases added; the
/// construct is then rewritten into PostgreSQL 15 syntax of the same shape and the statement parsed
/// again, until it parses. Only a statement that parses once every newer construct is rewritten counts:
/// a real mistake anywhere in it (also next to a JSON_TABLE used as a table name) stays a syntax error.
/// </summary>
internal static unsafe class NewerSyntaxDetector
{
    private const int MaxRewrites = 16;

    private const string Placeholder = "pglint_newer_syntax()";

    private static readonly Dictionary<string, (int Version, string[] Triggers)> SqlJsonFunctions = new(StringComparer.Ordinal)
    {
        ["json_object"] = (16, [":", "value", "absent", "null", "returning", "with", "without", "format"]),
        ["json_objectagg"] = (16, [":", "value", "absent", "null", "returning", "with", "without", "format"]),
        ["json_array"] = (16, ["absent", "null", "returning", "format", "select", "values", "with", "table"]),
        ["json_arrayagg"] = (16, ["absent", "null", "returning", "format"]),
        ["json_table"] = (17, ["columns", "passing", "format", "as", "error", "empty", "null"]),
        ["json_query"] = (17, ["passing", "returning", "with", "without", "keep", "omit", "error", "null", "empty", "default", "format"]),
        ["json_value"] = (17, ["passing", "returning", "error", "null", "default", "format"]),
        ["json_exists"] = (17, ["passing", "returning", "error", "true", "false", "unknown", "format"]),
        ["json"] = (17, ["with", "without", "format"]),
        ["json_scalar"] = (17, ["returning"]),
        ["json_serialize"] = (17, ["returning", "format"]),
    };

    /// <summary>The newest construct the statement needs, when every parse error in it is one; otherwise null.</summary>
    internal static NewerSyntax? Detect(ReadOnlySpan<byte> statement)
    {
        NewerSyntax? newest = null;
        var current = statement.ToArray();

        // The grammar may stop before the scanner reaches a newer literal: read them all first.
        for (var round = 0; TryScanError(current, out var scanError, out var scanCursor); round++)
        {
            var literal = round < MaxRewrites && scanError.StartsWith("trailing junk after numeric literal", StringComparison.Ordinal)
                ? NumericLiteral(current, ByteOffsetOfCharacter(current, scanCursor - 1))
                : null;
            if (literal is null)
            {
                return null;
            }

            newest = literal.Construct;
            Encoding.ASCII.GetBytes(literal.Replacement).CopyTo(current, literal.Start);
        }

        for (var round = 0; round <= MaxRewrites; round++)
        {
            if (!TryParse(current, out var message, out var cursor))
            {
                return newest;
            }

            if (round == MaxRewrites)
            {
                return null;
            }

            var errorAt = ByteOffsetOfCharacter(current, cursor - 1);
            Rewrite? rewrite;
            if (message.StartsWith("trailing junk after numeric literal", StringComparison.Ordinal))
            {
                rewrite = NumericLiteral(current, errorAt);
            }
            else
            {
                var tokens = Scan(current);
                rewrite = tokens is null ? null : Match(new Tokens(current, tokens), errorAt, message);
            }

            if (rewrite is null)
            {
                return null;
            }

            if (newest is null || rewrite.Construct.PostgresVersion > newest.PostgresVersion)
            {
                newest = rewrite.Construct;
            }

            current = [.. current.AsSpan(0, rewrite.Start), .. Encoding.UTF8.GetBytes(rewrite.Replacement), .. current.AsSpan(rewrite.End)];
        }

        return null;
    }

    /// <summary>
    /// The end of a PostgreSQL 16 integer or numeric literal at <paramref name="start"/> that PostgreSQL 15's
    /// scanner rejects as trailing junk (<c>0x1F</c>, <c>0o17</c>, <c>0b101</c>, <c>1_000_000</c>, <c>1.618_034</c>), or -1.
    /// </summary>
    internal static int NewerNumericLiteralEnd(ReadOnlySpan<byte> text, int start, out bool nonDecimal)
    {
        nonDecimal = false;
        if (start >= text.Length || !char.IsAsciiDigit((char)text[start]))
        {
            return -1;
        }

        int position;
        var underscores = false;
        if (text[start] == (byte)'0' && start + 1 < text.Length && (char)(text[start + 1] | 0x20) is 'x' or 'o' or 'b')
        {
            nonDecimal = true;
            Func<char, bool> isDigit = (char)(text[start + 1] | 0x20) switch
            {
                'x' => char.IsAsciiHexDigit,
                'o' => static c => c is >= '0' and <= '7',
                _ => static c => c is '0' or '1',
            };
            position = Digits(text, start + 2, isDigit, allowLeadingUnderscore: true, ref underscores);
            if (position < 0)
            {
                return -1;
            }
        }
        else
        {
            position = Digits(text, start, char.IsAsciiDigit, allowLeadingUnderscore: false, ref underscores);
            if (position < text.Length && text[position] == (byte)'.' && !(position + 1 < text.Length && text[position + 1] == (byte)'.'))
            {
                position++;
                if (position < text.Length && char.IsAsciiDigit((char)text[position]))
                {
                    position = Digits(text, position, char.IsAsciiDigit, allowLeadingUnderscore: false, ref underscores);
                }
            }

            if (position > 0 && position < text.Length && (char)(text[position] | 0x20) == 'e')
            {
                var exponent = position + 1;
                if (exponent < text.Length && text[exponent] is (byte)'+' or (byte)'-')
                {
                    exponent++;
                }

                var end = Digits(text, exponent, char.IsAsciiDigit, allowLeadingUnderscore: false, ref underscores);
                position = end < 0 ? position : end;
            }
        }

        // What follows must end the token, as PostgreSQL 16's scanner requires.
        if (position < 0 || (position < text.Length && (char.IsAsciiLetterOrDigit((char)text[position]) || text[position] is (byte)'_' or >= 0x80)))
        {
            return -1;
        }

        return nonDecimal || underscores ? position : -1;
    }

    /// <summary>A decimal literal PostgreSQL 15 reads with the same length as the newer one, for splitting and re-parsing.</summary>
    internal static void MaskNumericLiteral(Span<byte> literal, bool nonDecimal)
    {
        for (var i = 0; i < literal.Length; i++)
        {
            if (nonDecimal ? i > 0 && literal[i] != (byte)'0' : literal[i] == (byte)'_')
            {
                literal[i] = (byte)'0';
            }
        }
    }

    private static int Digits(ReadOnlySpan<byte> text, int position, Func<char, bool> isDigit, bool allowLeadingUnderscore, ref bool underscores)
    {
        var any = false;
        while (position < text.Length)
        {
            var underscore = text[position] == (byte)'_' && (any || allowLeadingUnderscore);
            var digitAt = underscore ? position + 1 : position;
            if (digitAt >= text.Length || !isDigit((char)text[digitAt]))
            {
                break;
            }

            underscores |= underscore;
            any = true;
            position = digitAt + 1;
        }

        return any ? position : -1;
    }

    private static Rewrite? NumericLiteral(byte[] text, int start)
    {
        var end = NewerNumericLiteralEnd(text, start, out var nonDecimal);
        if (end < 0)
        {
            return null;
        }

        var masked = text.AsSpan(start, end - start).ToArray();
        MaskNumericLiteral(masked, nonDecimal);
        var construct = nonDecimal ? "a hexadecimal, octal or binary integer literal" : "an underscore in a numeric literal";
        return new Rewrite(start, end, Encoding.ASCII.GetString(masked), new NewerSyntax(construct, 16));
    }

    private static Rewrite? Match(Tokens t, int errorAt, string message)
    {
        var e = t.IndexAt(errorAt);
        if (message is "subquery in FROM must have an alias" or "VALUES in FROM must have an alias")
        {
            return t.Is(e, "(") && t.Closing(e) is var close and >= 0
                ? t.Replace(close, close, ") AS pglint_alias", new NewerSyntax("a subquery in FROM without an alias", 16))
                : null;
        }

        return IsJson(t, e)
            ?? AtLocal(t, e)
            ?? SetAccessMethodDefault(t, e)
            ?? SetExpression(t, e)
            ?? MergeNotMatchedBy(t, e)
            ?? MergeReturning(t, e)
            ?? GrantWithOption(t, e)
            ?? RevokeOptionFor(t, e)
            ?? SqlJsonFunction(t, e);
    }

    /// <summary><c>x IS [NOT] JSON [VALUE | SCALAR | ARRAY | OBJECT] [{WITH | WITHOUT} UNIQUE [KEYS]]</c>.</summary>
    private static Rewrite? IsJson(Tokens t, int e)
    {
        if (!t.Is(e, "json"))
        {
            return null;
        }

        var negated = t.Is(e - 1, "not");
        var start = negated ? e - 2 : e - 1;
        if (!t.Is(start, "is"))
        {
            return null;
        }

        var end = e;
        if (t.Is(end + 1, "value") || t.Is(end + 1, "scalar") || t.Is(end + 1, "array") || t.Is(end + 1, "object"))
        {
            end++;
        }

        if ((t.Is(end + 1, "with") || t.Is(end + 1, "without")) && t.Is(end + 2, "unique"))
        {
            end += t.Is(end + 3, "keys") ? 3 : 2;
        }

        return t.Replace(start, end, negated ? "IS NOT NULL" : "IS NULL", new NewerSyntax("IS JSON", 16));
    }

    /// <summary><c>timestamp AT LOCAL</c>.</summary>
    private static Rewrite? AtLocal(Tokens t, int e) =>
        t.Is(e, "local") && t.Is(e - 1, "at")
            ? t.Replace(e - 1, e, "AT TIME ZONE 'UTC'", new NewerSyntax("AT LOCAL", 17))
            : null;

    /// <summary><c>ALTER TABLE … SET ACCESS METHOD DEFAULT</c>.</summary>
    private static Rewrite? SetAccessMethodDefault(Tokens t, int e) =>
        t.Is(e, "default") && t.Is(e - 1, "method") && t.Is(e - 2, "access") && t.Is(e - 3, "set")
            ? t.Replace(e, e, "heap", new NewerSyntax("SET ACCESS METHOD DEFAULT", 17))
            : null;

    /// <summary><c>ALTER TABLE … ALTER COLUMN … SET EXPRESSION AS (expression)</c>.</summary>
    private static Rewrite? SetExpression(Tokens t, int e)
    {
        if (!t.Is(e, "expression") || !t.Is(e - 1, "set") || !t.Is(e + 1, "as") || !t.Is(e + 2, "("))
        {
            return null;
        }

        var close = t.Closing(e + 2);
        return close < 0 ? null : t.Replace(e - 1, close, "DROP EXPRESSION", new NewerSyntax("ALTER COLUMN … SET EXPRESSION AS", 17));
    }

    /// <summary><c>MERGE … WHEN NOT MATCHED BY SOURCE</c> and the explicit <c>WHEN NOT MATCHED BY TARGET</c>.</summary>
    private static Rewrite? MergeNotMatchedBy(Tokens t, int e)
    {
        if (!t.Is(e, "by") || !t.Is(e - 1, "matched") || !t.Is(e - 2, "not") || !t.Is(e - 3, "when"))
        {
            return null;
        }

        // BY SOURCE takes the actions of WHEN MATCHED (UPDATE, DELETE, DO NOTHING); BY TARGET is plain NOT MATCHED.
        return t.Is(e + 1, "source") ? t.Replace(e - 2, e + 1, "MATCHED", new NewerSyntax("MERGE … WHEN NOT MATCHED BY SOURCE", 17))
            : t.Is(e + 1, "target") ? t.Replace(e, e + 1, string.Empty, new NewerSyntax("MERGE … WHEN NOT MATCHED BY TARGET", 17))
            : null;
    }

    /// <summary><c>MERGE … RETURNING</c>, also inside a <c>WITH</c> query.</summary>
    private static Rewrite? MergeReturning(Tokens t, int e)
    {
        if (!t.Is(e, "returning"))
        {
            return null;
        }

        var open = t.Enclosing(e);
        var end = open < 0 ? t.Count - 1 : t.Closing(open) - 1;
        if (end < e)
        {
            return null;
        }

        for (var i = open + 1; i < e; i++)
        {
            if (t.Is(i, "merge") && t.Enclosing(i) == open)
            {
                return t.Replace(e, end, string.Empty, new NewerSyntax("MERGE … RETURNING", 17));
            }
        }

        return null;
    }

    /// <summary><c>GRANT role TO member WITH {ADMIN | INHERIT | SET} {OPTION | TRUE | FALSE} [, …]</c>.</summary>
    private static Rewrite? GrantWithOption(Tokens t, int e)
    {
        if (!t.Is(0, "grant"))
        {
            return null;
        }

        int with;
        if (t.Is(e - 1, "with") && (t.Is(e, "inherit") || t.Is(e, "set")))
        {
            with = e - 1;
        }
        else if (t.Is(e - 2, "with") && t.Is(e - 1, "admin") && (t.Is(e, "true") || t.Is(e, "false")))
        {
            with = e - 2;
        }
        else
        {
            return null;
        }

        // { ADMIN | INHERIT | SET } { OPTION | TRUE | FALSE } [, …]
        var end = with;
        while (t.Word(end + 1) is "admin" or "inherit" or "set" && t.Word(end + 2) is "option" or "true" or "false")
        {
            end += t.Is(end + 3, ",") ? 3 : 2;
        }

        if (t.Is(end, ","))
        {
            return null;
        }

        var option = t.Word(with + 1).ToUpperInvariant();
        return t.Replace(with, end, string.Empty, new NewerSyntax($"GRANT … WITH {option} {t.Word(with + 2).ToUpperInvariant()}", 16));
    }

    /// <summary><c>REVOKE {INHERIT | SET} OPTION FOR role FROM member</c>.</summary>
    private static Rewrite? RevokeOptionFor(Tokens t, int e) =>
        e == 2 && t.Is(0, "revoke") && (t.Is(1, "inherit") || t.Is(1, "set")) && t.Is(2, "option") && t.Is(3, "for")
            ? t.Replace(1, 3, string.Empty, new NewerSyntax($"REVOKE {t.Word(1).ToUpperInvariant()} OPTION FOR", 16))
            : null;

    /// <summary>
    /// The SQL/JSON functions: PostgreSQL 15 reads <c>json_object(…)</c> as a call of an ordinary function and
    /// stops at the first word of the standard's clauses (<c>VALUE</c>, <c>RETURNING</c>, <c>COLUMNS</c> …).
    /// </summary>
    private static Rewrite? SqlJsonFunction(Tokens t, int e)
    {
        var open = t.Enclosing(e);
        if (open < 1 || !SqlJsonFunctions.TryGetValue(t.Word(open - 1), out var function) || !function.Triggers.Contains(t.Word(e)))
        {
            return null;
        }

        var close = t.Closing(open);
        return close < 0 ? null : t.Replace(open - 1, close, Placeholder, new NewerSyntax(t.Word(open - 1).ToUpperInvariant(), function.Version));
    }

    private static bool TryParse(byte[] text, out string message, out int cursor)
    {
        var terminated = new byte[text.Length + 1];
        text.CopyTo(terminated, 0);
        fixed (byte* input = terminated)
        {
            var tree = SqlParser.ParseNative(input, out var error, out cursor);
            message = error ?? string.Empty;
            return tree is null;
        }
    }

    private static bool TryScanError(byte[] text, out string message, out int cursor)
    {
        var terminated = new byte[text.Length + 1];
        text.CopyTo(terminated, 0);
        fixed (byte* input = terminated)
        {
            var result = PgQueryNative.pg_query_scan(input);
            try
            {
                if (result.Error == 0)
                {
                    (message, cursor) = (string.Empty, 0);
                    return false;
                }

                var error = System.Runtime.InteropServices.Marshal.PtrToStructure<PgQueryError>(result.Error);
                (message, cursor) = (PgQueryNative.ReadString(error.Message) ?? string.Empty, error.CursorPos);
                return true;
            }
            finally
            {
                PgQueryNative.pg_query_free_scan_result(result);
            }
        }
    }

    private static List<SqlToken>? Scan(byte[] text)
    {
        var terminated = new byte[text.Length + 1];
        text.CopyTo(terminated, 0);
        fixed (byte* input = terminated)
        {
            return SqlParser.ScanNative(input, 0)?.Where(static token => !token.IsComment).ToList();
        }
    }

    private static int ByteOffsetOfCharacter(byte[] text, int characters)
    {
        var position = 0;
        for (var i = 0; i < characters && position < text.Length; i++)
        {
            var lead = text[position];
            position += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        }

        return Math.Min(position, text.Length);
    }

    /// <summary>Replace the bytes <paramref name="Start"/>..<paramref name="End"/> by PostgreSQL 15 syntax.</summary>
    private sealed record Rewrite(int Start, int End, string Replacement, NewerSyntax Construct);

    /// <summary>The statement's tokens without comments, with their words lower-cased.</summary>
    private sealed class Tokens(byte[] text, List<SqlToken> tokens)
    {
        public int Count => tokens.Count;

        /// <summary>The index of the token at a byte offset, or <see cref="Count"/> at the end of the input.</summary>
        public int IndexAt(int byteOffset)
        {
            var index = tokens.FindIndex(token => token.ByteEnd > byteOffset);
            return index < 0 ? tokens.Count : index;
        }

        /// <summary>A keyword or unquoted name lower-cased, a punctuation character as itself, or empty.</summary>
        public string Word(int index)
        {
            if (index < 0 || index >= tokens.Count)
            {
                return string.Empty;
            }

            var token = tokens[index];
            var raw = Encoding.UTF8.GetString(text, token.ByteStart, token.ByteEnd - token.ByteStart);
            return token.Kind == Token.Ident || token.KeywordKind != KeywordKind.NoKeyword || (int)token.Kind < 256
                ? raw.ToLowerInvariant()
                : string.Empty;
        }

        public bool Is(int index, string word) => Word(index) == word;

        /// <summary>The index of the innermost '(' around a token, or -1.</summary>
        public int Enclosing(int index)
        {
            var depth = 0;
            for (var i = Math.Min(index, tokens.Count) - 1; i >= 0; i--)
            {
                if (tokens[i].Kind == Token.Ascii41)
                {
                    depth++;
                }
                else if (tokens[i].Kind == Token.Ascii40 && depth-- == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The index of the ')' that closes the '(' at <paramref name="open"/>, or -1.</summary>
        public int Closing(int open)
        {
            var depth = 0;
            for (var i = open; i < tokens.Count; i++)
            {
                if (tokens[i].Kind == Token.Ascii40)
                {
                    depth++;
                }
                else if (tokens[i].Kind == Token.Ascii41 && --depth == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        public Rewrite Replace(int first, int last, string replacement, NewerSyntax construct) =>
            new(tokens[first].ByteStart, tokens[last].ByteEnd, $" {replacement} ", construct);
    }
}
