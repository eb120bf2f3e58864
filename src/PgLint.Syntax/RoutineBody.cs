using System.Collections.Immutable;
using System.Text;

namespace PgLint.Syntax;

/// <summary>What kind of routine a body belongs to.</summary>
public enum RoutineKind
{
    /// <summary><c>CREATE [OR REPLACE] FUNCTION</c>: runs when called, not when the migration runs.</summary>
    Function,

    /// <summary><c>CREATE [OR REPLACE] PROCEDURE</c>: runs when called, not when the migration runs.</summary>
    Procedure,

    /// <summary>A <c>DO</c> block: runs right away, as part of the migration.</summary>
    DoBlock,
}

/// <summary>
/// The body of a <c>CREATE FUNCTION</c>, <c>CREATE PROCEDURE</c> or <c>DO</c> statement written in
/// PL/pgSQL or SQL as a string constant (<c>$$…$$</c>, <c>$tag$…$tag$</c> or <c>'…'</c> with doubled
/// quotes). Its SQL statements and PL/pgSQL expressions are parsed and mapped to their exact place in
/// the file. <c>BEGIN ATOMIC … END</c> bodies are part of the statement's own parse tree instead.
/// </summary>
public sealed class RoutineBody
{
    private readonly BodyMap _map;
    private readonly int[]? _byteOfChar;
    private readonly int[] _lineStarts;

    internal RoutineBody(SqlStatement statement, RoutineKind kind, string language, string text, BodyMap map)
    {
        Statement = statement;
        Kind = kind;
        Language = language;
        Text = text;
        _map = map;
        var utf8 = Encoding.UTF8.GetByteCount(text);
        if (utf8 != text.Length)
        {
            _byteOfChar = new int[text.Length + 1];
            var bytes = 0;
            for (var i = 0; i < text.Length; i++)
            {
                _byteOfChar[i] = bytes;
                bytes += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 4 : text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : char.IsLowSurrogate(text[i]) ? 0 : 3;
            }

            _byteOfChar[text.Length] = bytes;
        }

        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
        Span = statement.Source.GetSpanFromBytes(map.ToFile(0), map.ToFile(Encoding.UTF8.GetByteCount(text)));
    }

    /// <summary>The <c>CREATE FUNCTION</c>, <c>CREATE PROCEDURE</c> or <c>DO</c> statement.</summary>
    public SqlStatement Statement { get; }

    /// <summary>Function, procedure or <c>DO</c> block.</summary>
    public RoutineKind Kind { get; }

    /// <summary>True when the body runs while the migration runs (a <c>DO</c> block), not later when called.</summary>
    public bool RunsAtDeploy => Kind == RoutineKind.DoBlock;

    /// <summary>The body's language in lower case: <c>plpgsql</c> or <c>sql</c>.</summary>
    public string Language { get; }

    /// <summary>True for a PL/pgSQL body.</summary>
    public bool IsPlpgsql => Language == "plpgsql";

    /// <summary>The body's text as PostgreSQL sees it (quotes undoubled, delimiters removed).</summary>
    public string Text { get; }

    /// <summary>The body's character span in the file, inside its quotes.</summary>
    public TextSpan Span { get; }

    /// <summary>The PL/pgSQL tree, or null (a SQL body, or a body that does not parse).</summary>
    public PlpgsqlFunction? Plpgsql { get; internal set; }

    /// <summary>Why PL/pgSQL rejected the body (the span is the best place found in the file), or null.</summary>
    public SyntaxError? Error { get; internal set; }

    /// <summary>
    /// Why the body was left unanalysed although PostgreSQL accepts it, or null: the bundled PL/pgSQL
    /// parser resolves no types and knows no unnamed parameters, so a few valid bodies (cursor
    /// variables, <c>COLLATE</c> on a variable, <c>$1</c>, <c>RETURN NEXT;</c> with <c>RETURNS TABLE</c>)
    /// fail in it.
    /// </summary>
    public string? Unsupported { get; internal set; }

    /// <summary>
    /// The SQL inside the body in source order: each statement of a SQL body; each SQL statement and
    /// expression of a PL/pgSQL body that could be placed in the file and parsed.
    /// </summary>
    public ImmutableArray<SqlStatement> Statements { get; internal set; } = [];

    /// <summary>The scanner's tokens of the body, comments included, with file UTF-8 offsets.</summary>
    public ImmutableArray<SqlToken> Tokens { get; internal set; } = [];

    /// <summary>The number of lines of the body (PL/pgSQL's line 1 is the one the body starts on).</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>The file span of a body line (1-based as in PL/pgSQL, line break excluded).</summary>
    public TextSpan GetLineSpan(int bodyLine)
    {
        var index = Math.Clamp(bodyLine, 1, _lineStarts.Length) - 1;
        var start = _lineStarts[index];
        var end = index + 1 < _lineStarts.Length ? _lineStarts[index + 1] - 1 : Text.Length;
        if (end > start && Text[end - 1] == '\r')
        {
            end--;
        }

        return MapCharSpan(start, Math.Max(start, end));
    }

    /// <summary>The tokens (not comments) that start on a body line, in order.</summary>
    public IEnumerable<SqlToken> GetTokensOnLine(int bodyLine)
    {
        var line = GetLineSpan(bodyLine);
        var source = Statement.Source;
        foreach (var token in Tokens)
        {
            var start = source.GetCharOffset(token.ByteStart);
            if (!token.IsComment && start >= line.Start && start <= line.End)
            {
                yield return token;
            }
        }
    }

    /// <summary>The file span of a span of <see cref="Text"/>.</summary>
    public TextSpan MapCharSpan(int start, int end) =>
        end <= start
            ? new TextSpan(Statement.Source.GetCharOffset(_map.ToFile(ByteOf(start))), 0)
            : Statement.Source.GetSpanFromBytes(_map.ToFile(ByteOf(start)), _map.ToFile(ByteOf(end)));

    /// <summary>The text of a token of <see cref="Tokens"/> as written in the file.</summary>
    public string GetTokenText(SqlToken token) => Statement.Source.ToString(Statement.Source.GetSpanFromBytes(token.ByteStart, token.ByteEnd));

    internal BodyMap Map => _map;

    internal int LineStart(int bodyLine) => _lineStarts[Math.Clamp(bodyLine, 1, _lineStarts.Length) - 1];

    internal int ByteOf(int charOffset) => _byteOfChar is null ? charOffset : _byteOfChar[Math.Clamp(charOffset, 0, Text.Length)];

    /// <inheritdoc />
    public override string ToString() => $"{Kind} body ({Language}) {Span}";
}

/// <summary>Maps offsets in a body's text (UTF-8) to the file: a start, plus one byte per undoubled quote before.</summary>
internal sealed class BodyMap(int fileStart, int[] collapsed)
{
    /// <summary>The file UTF-8 offset of a UTF-8 offset in the body text.</summary>
    public int ToFile(int bodyByte)
    {
        int lo = 0, hi = collapsed.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (collapsed[mid] < bodyByte)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return fileStart + bodyByte + lo;
    }
}

/// <summary>Where a statement of a body sits: the body, the map, and the text the parser got.</summary>
internal sealed class BodyPlacement(RoutineBody routine, EmbeddedSqlKind kind, int bodyByteStart, int prefixLength)
{
    public RoutineBody Routine { get; } = routine;

    public EmbeddedSqlKind Kind { get; } = kind;

    public int ToFileByte(int nodeLocation, int parsedLength) =>
        Routine.Map.ToFile(bodyByteStart + Math.Clamp(nodeLocation - prefixLength, 0, Math.Max(0, parsedLength - prefixLength)));
}
