using System.Collections.Immutable;
using PgQuery;

namespace PgLint.Syntax;

/// <summary>What a piece of a SQL file is.</summary>
public enum StatementKind
{
    /// <summary>A SQL statement (parsed, or rejected with a <see cref="SyntaxError"/>).</summary>
    Sql,

    /// <summary>A psql meta-command line such as <c>\set</c> or <c>\connect</c>; not SQL, not linted.</summary>
    PsqlMetaCommand,

    /// <summary>The inline data of <c>COPY … FROM stdin</c>, up to and including the <c>\.</c> line.</summary>
    CopyData,
}

/// <summary>Where and why libpg_query rejected a statement.</summary>
/// <param name="Message">The parser's message, e.g. <c>syntax error at or near "SELEC"</c>.</param>
/// <param name="Span">The character span the error points at (the offending token, or the statement end).</param>
public sealed record SyntaxError(string Message, TextSpan Span)
{
    /// <summary>
    /// Set when the statement is valid in a PostgreSQL release newer than the parser's (15): it parses
    /// once its newer constructs are read as PostgreSQL 15 syntax. Names the construct that needs the
    /// newest release.
    /// </summary>
    public NewerSyntax? NewerSyntax { get; init; }
}

/// <summary>A token from libpg_query's scanner, with file-absolute UTF-8 byte offsets.</summary>
public readonly record struct SqlToken(int ByteStart, int ByteEnd, Token Kind, KeywordKind KeywordKind)
{
    /// <summary>True for <c>--</c> and <c>/* */</c> comments.</summary>
    public bool IsComment => Kind is Token.SqlComment or Token.CComment;
}

/// <summary>A comment in the file.</summary>
/// <param name="Span">Its character span, delimiters included.</param>
/// <param name="Text">Its text, delimiters included.</param>
/// <param name="IsBlock">True for <c>/* */</c>, false for <c>--</c>.</param>
public sealed record SqlComment(TextSpan Span, string Text, bool IsBlock);

/// <summary>
/// One top-level piece of a SQL file: a statement with its parse tree (or its syntax error), a psql
/// meta-command, or COPY data. AST <c>location</c> fields are UTF-8 byte offsets relative to
/// <see cref="ByteStart"/>; use <see cref="GetCharOffset"/> to map them into the file.
/// </summary>
public sealed class SqlStatement
{
    private readonly BodyPlacement? _placement;

    internal SqlStatement(
        SourceText source,
        int ordinal,
        StatementKind kind,
        int byteStart,
        int byteLength,
        TextSpan span,
        Node? root,
        SyntaxError? error,
        ImmutableArray<SqlToken> tokens,
        BodyPlacement? placement = null)
    {
        _placement = placement;
        Source = source;
        Ordinal = ordinal;
        Kind = kind;
        ByteStart = byteStart;
        ByteLength = byteLength;
        Span = span;
        Root = root;
        Error = error;
        Tokens = tokens;
    }

    /// <summary>The file the statement is in.</summary>
    public SourceText Source { get; }

    /// <summary>0-based index among the file's pieces.</summary>
    public int Ordinal { get; }

    /// <summary>What the piece is.</summary>
    public StatementKind Kind { get; }

    /// <summary>UTF-8 offset in <see cref="SourceText.Utf8"/> of the text given to the parser.</summary>
    public int ByteStart { get; }

    /// <summary>UTF-8 length of the text given to the parser (no terminating semicolon).</summary>
    public int ByteLength { get; }

    /// <summary>The statement's character span: from its first token to the end of its last, no semicolon.</summary>
    public TextSpan Span { get; }

    /// <summary>The parse tree's root (e.g. a node whose <c>IndexStmt</c> is set), or null.</summary>
    public Node? Root { get; }

    /// <summary>Why the parser rejected the statement, or null.</summary>
    public SyntaxError? Error { get; }

    /// <summary>The scanner's tokens of this statement, comments included, file-absolute offsets.</summary>
    public ImmutableArray<SqlToken> Tokens { get; }

    /// <summary>The statement's text (its <see cref="Span"/>).</summary>
    public string Text => Source.ToString(Span);

    /// <summary>True when the piece is SQL that parsed.</summary>
    public bool IsParsed => Root is not null;

    /// <summary>
    /// The body of this <c>CREATE FUNCTION</c>, <c>CREATE PROCEDURE</c> or <c>DO</c> statement when it is
    /// PL/pgSQL or SQL given as a string constant, or null.
    /// </summary>
    public RoutineBody? Body { get; internal set; }

    /// <summary>The routine body this statement was found in, or null for a top-level statement.</summary>
    public RoutineBody? Routine => _placement?.Routine;

    /// <summary>True for a statement or expression inside a function, procedure or <c>DO</c> body.</summary>
    public bool IsInRoutineBody => _placement is not null;

    /// <summary>
    /// What the parser was given: a statement, or (inside PL/pgSQL) an expression or the value of an
    /// assignment, parsed as <c>SELECT &lt;expression&gt;</c>; its locations still map into the file.
    /// </summary>
    public EmbeddedSqlKind EmbeddedKind => _placement?.Kind ?? EmbeddedSqlKind.Statement;

    /// <summary>
    /// The file UTF-8 offset of an AST <c>location</c>. Use this rather than adding
    /// <see cref="ByteStart"/>: statements inside a body with doubled quotes are not contiguous in the file.
    /// </summary>
    public int GetFileByteOffset(int nodeLocation) =>
        _placement is { } placement
            ? placement.ToFileByte(nodeLocation, ByteLength)
            : ByteStart + Math.Clamp(nodeLocation, 0, ByteLength);

    /// <summary>The file character offset of an AST <c>location</c> (statement-relative UTF-8 bytes).</summary>
    public int GetCharOffset(int nodeLocation) =>
        Source.GetCharOffset(GetFileByteOffset(nodeLocation));

    /// <summary>
    /// The span of the token that starts at an AST <c>location</c>; the statement's span when the
    /// location is unknown (-1).
    /// </summary>
    public TextSpan GetTokenSpan(int nodeLocation)
    {
        if (nodeLocation < 0)
        {
            return Span;
        }

        var index = FindTokenIndex(GetFileByteOffset(nodeLocation));
        return index < 0
            ? new TextSpan(GetCharOffset(nodeLocation), 0)
            : Source.GetSpanFromBytes(Tokens[index].ByteStart, Tokens[index].ByteEnd);
    }

    /// <summary>
    /// The span from the token at <paramref name="startLocation"/> to the end of the token at
    /// <paramref name="lastLocation"/>, widened so that its parentheses and brackets balance
    /// (<c>(a + b) = NULL</c>, <c>lower(email)</c>, <c>arr[1]</c>).
    /// </summary>
    public TextSpan GetSpan(int startLocation, int lastLocation)
    {
        if (startLocation < 0)
        {
            return Span;
        }

        var first = FindTokenIndex(GetFileByteOffset(startLocation));
        var last = FindTokenIndex(GetFileByteOffset(Math.Max(startLocation, lastLocation)));
        return first < 0 || last < 0 ? GetTokenSpan(startLocation) : BalancedSpan(first, last);
    }

    /// <summary>Widens a span of this statement so that its parentheses and brackets balance.</summary>
    public TextSpan BalanceBrackets(TextSpan span)
    {
        var first = FindTokenIndex(Source.GetByteOffset(span.Start));
        var last = span.IsEmpty ? first : FindTokenIndex(Source.GetByteOffset(span.End) - 1);
        if (first < 0 || last < first)
        {
            return span;
        }

        var balanced = BalancedSpan(first, last);
        return TextSpan.FromBounds(Math.Min(span.Start, balanced.Start), Math.Max(span.End, balanced.End));
    }

    private TextSpan BalancedSpan(int first, int last)
    {
        int depth = 0, lowest = 0;
        for (var i = first; i <= last; i++)
        {
            depth += Nesting(Tokens[i].Kind);
            lowest = Math.Min(lowest, depth);
        }

        // -lowest closers lack their opener before the span; depth - lowest openers lack their closer after it.
        for (var missing = -lowest; missing > 0 && first > 0;)
        {
            missing -= Nesting(Tokens[--first].Kind);
        }

        for (var missing = depth - lowest; missing > 0 && last + 1 < Tokens.Length;)
        {
            missing += Nesting(Tokens[++last].Kind);
        }

        return Source.GetSpanFromBytes(Tokens[first].ByteStart, Tokens[last].ByteEnd);
    }

    private static int Nesting(Token kind) => kind switch
    {
        Token.Ascii40 or Token.Ascii91 => 1,
        Token.Ascii41 or Token.Ascii93 => -1,
        _ => 0,
    };

    /// <summary>The index into <see cref="Tokens"/> of the token starting at a file byte offset, or -1.</summary>
    public int FindTokenIndex(int fileByteOffset)
    {
        int lo = 0, hi = Tokens.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var token = Tokens[mid];
            if (fileByteOffset < token.ByteStart)
            {
                hi = mid - 1;
            }
            else if (fileByteOffset >= token.ByteEnd)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override string ToString() => $"#{Ordinal} {Kind} {Span}: {(Text.Length > 60 ? Text[..60] + "…" : Text)}";
}

/// <summary>What a piece of SQL inside a routine body was parsed as.</summary>
public enum EmbeddedSqlKind
{
    /// <summary>A whole statement (also every top-level statement).</summary>
    Statement,

    /// <summary>A PL/pgSQL expression (a condition, a RAISE argument, an EXECUTE string…), parsed as <c>SELECT &lt;expression&gt;</c>.</summary>
    Expression,

    /// <summary>The value of a PL/pgSQL assignment (<c>v := &lt;expression&gt;</c>), parsed as <c>SELECT &lt;expression&gt;</c>.</summary>
    Assignment,
}

/// <summary>A parsed SQL file: its statements in source order and its comments.</summary>
public sealed class SyntaxTree
{
    internal SyntaxTree(SourceText source, ImmutableArray<SqlStatement> statements, ImmutableArray<SqlComment> comments)
    {
        Source = source;
        Statements = statements;
        Comments = comments;
    }

    /// <summary>The file.</summary>
    public SourceText Source { get; }

    /// <summary>Every piece of the file in source order.</summary>
    public ImmutableArray<SqlStatement> Statements { get; }

    /// <summary>Every comment outside string literals and function bodies, in source order.</summary>
    public ImmutableArray<SqlComment> Comments { get; }

    /// <summary>The path the file is reported under.</summary>
    public string Path => Source.Path;
}
