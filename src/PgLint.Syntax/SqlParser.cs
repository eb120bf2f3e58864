using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PgLint.Syntax.Native;
using PgQuery;

namespace PgLint.Syntax;

/// <summary>
/// Parses SQL with libpg_query (the PostgreSQL 15 parser). A file is split into statements with the
/// scanner-based splitter and each statement is parsed alone, so one bad statement never hides the
/// others. psql meta-commands and <c>COPY … FROM stdin</c> data are recognised and set aside.
/// Thread-safe: libpg_query keeps its state per thread.
/// </summary>
public static unsafe class SqlParser
{
    /// <summary>The PostgreSQL version whose grammar the parser implements.</summary>
    public const int ParserPostgresVersion = 150001;

    /// <summary>The libpg_query file in use (after the first parse), for diagnostics of the installation.</summary>
    public static string? NativeLibraryPath => PgQueryNative.LoadedFrom;

    /// <summary>Loads the native library now; throws <see cref="PgQueryUnavailableException"/> when it is missing.</summary>
    public static void EnsureAvailable() => PgQueryNative.EnsureLoaded();

    /// <summary>Parses a whole file.</summary>
    public static SyntaxTree Parse(SourceText source) => Parse(source, parseBodies: true);

    internal static SyntaxTree Parse(SourceText source, bool parseBodies)
    {
        ArgumentNullException.ThrowIfNull(source);
        PgQueryNative.EnsureLoaded();
        var length = source.Utf8.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length + 1);
        try
        {
            source.Utf8.CopyTo(buffer, 0);
            // libpg_query reads NUL-terminated strings; a stray NUL byte must not end the input early.
            buffer.AsSpan(0, length).Replace((byte)0, (byte)' ');
            buffer[length] = 0;
            fixed (byte* input = buffer)
            {
                return new FileParser(source, input, length, parseBodies).Run();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses one piece of SQL text, or gives the parser's error message.</summary>
    public static ParseResult? ParseText(string sql, out string? error)
    {
        PgQueryNative.EnsureLoaded();
        var bytes = System.Text.Encoding.UTF8.GetBytes(sql + "\0");
        fixed (byte* input = bytes)
        {
            return ParseNative(input, out error, out _);
        }
    }

    /// <summary>
    /// The keyword category PostgreSQL's scanner gives a name written without quotes: reserved,
    /// type/function-name, column-name or unreserved keyword; <see cref="KeywordKind.NoKeyword"/> for
    /// other names and for anything that is not one plain word.
    /// </summary>
    public static KeywordKind GetKeywordKind(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !name.All(static c => char.IsAsciiLetterLower(c) || c == '_'))
        {
            return KeywordKind.NoKeyword;
        }

        PgQueryNative.EnsureLoaded();
        var bytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* input = bytes)
        {
            var tokens = ScanNative(input, 0);
            return tokens is [{ ByteStart: 0 } token] && token.ByteEnd == bytes.Length - 1 ? token.KeywordKind : KeywordKind.NoKeyword;
        }
    }

    /// <summary>The fingerprint libpg_query computes for a statement (constants and whitespace ignored), or null.</summary>
    public static string? Fingerprint(string sql)
    {
        PgQueryNative.EnsureLoaded();
        var bytes = System.Text.Encoding.UTF8.GetBytes(sql + "\0");
        fixed (byte* input = bytes)
        {
            var result = PgQueryNative.pg_query_fingerprint(input);
            try
            {
                return result.Error != 0 ? null : PgQueryNative.ReadString(result.FingerprintText);
            }
            finally
            {
                PgQueryNative.pg_query_free_fingerprint_result(result);
            }
        }
    }

    internal static ParseResult? ParseNative(byte* input, out string? error, out int cursorPosition)
    {
        var result = PgQueryNative.pg_query_parse_protobuf(input);
        try
        {
            if (result.Error != 0)
            {
                var nativeError = Marshal.PtrToStructure<PgQueryError>(result.Error);
                error = PgQueryNative.ReadString(nativeError.Message) ?? "syntax error";
                cursorPosition = nativeError.CursorPos;
                return null;
            }

            error = null;
            cursorPosition = 0;
            var span = new ReadOnlySpan<byte>((void*)result.ParseTree.Data, checked((int)result.ParseTree.Length));
            return ParseResult.Parser.ParseFrom(span);
        }
        finally
        {
            PgQueryNative.pg_query_free_protobuf_parse_result(result);
        }
    }

    internal static List<SqlToken>? ScanNative(byte* input, int baseOffset)
    {
        var result = PgQueryNative.pg_query_scan(input);
        try
        {
            if (result.Error != 0)
            {
                return null;
            }

            var span = new ReadOnlySpan<byte>((void*)result.Tokens.Data, checked((int)result.Tokens.Length));
            var scan = ScanResult.Parser.ParseFrom(span);
            var tokens = new List<SqlToken>(scan.Tokens.Count);
            foreach (var t in scan.Tokens)
            {
                tokens.Add(new SqlToken(baseOffset + t.Start, baseOffset + t.End, t.Token, t.KeywordKind));
            }

            return tokens;
        }
        finally
        {
            PgQueryNative.pg_query_free_scan_result(result);
        }
    }

    private static int Utf8SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xF0 => 4,
        >= 0xE0 => 3,
        >= 0xC0 => 2,
        _ => 1,
    };

    private static int LowerBound(List<SqlToken> tokens, int byteOffset)
    {
        int lo = 0, hi = tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (tokens[mid].ByteStart < byteOffset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private sealed class FileParser(SourceText source, byte* input, int length, bool parseBodies)
    {
        private readonly ImmutableArray<SqlStatement>.Builder _statements = ImmutableArray.CreateBuilder<SqlStatement>();
        private readonly List<SqlComment> _comments = [];
        private readonly List<(int Start, byte[] Original)> _maskedLiterals = [];
        private List<SqlToken>? _fileTokens;

        public SyntaxTree Run()
        {
            MaskNewerNumericLiterals();
            _fileTokens = ScanNative(input, 0);
            if (_fileTokens is not null)
            {
                foreach (var token in _fileTokens)
                {
                    if (token.IsComment)
                    {
                        AddComment(token);
                    }
                }
            }

            var offset = 0;
            while (offset < length)
            {
                offset = SplitFrom(offset);
            }

            var statements = _statements.ToImmutable();
            if (parseBodies)
            {
                foreach (var statement in statements)
                {
                    statement.Body = RoutineBodyParser.Parse(statement, _comments);
                }
            }

            return new SyntaxTree(source, statements, [.. _comments.OrderBy(static c => c.Span.Start)]);
        }

        /// <summary>
        /// PostgreSQL 15's scanner rejects the integer literals of PostgreSQL 16 (<c>0x1F</c>, <c>1_000</c>) as
        /// trailing junk and would take the rest of the file down with them. Each is replaced in the input by a
        /// decimal literal of the same length, so that the file splits and scans as usual; a statement is
        /// still parsed with its own text (see <see cref="AddSql"/>) and reported as newer syntax.
        /// </summary>
        private void MaskNewerNumericLiterals()
        {
            for (var attempt = 0; attempt < 10_000; attempt++)
            {
                var scan = PgQueryNative.pg_query_scan(input);
                try
                {
                    if (scan.Error == 0)
                    {
                        return;
                    }

                    var error = Marshal.PtrToStructure<PgQueryError>(scan.Error);
                    if (PgQueryNative.ReadString(error.Message)?.StartsWith("trailing junk after numeric literal", StringComparison.Ordinal) != true)
                    {
                        return;
                    }

                    var start = AdvanceCodePoints(0, length, error.CursorPos - 1);
                    var literal = new Span<byte>(input, length);
                    var end = NewerSyntaxDetector.NewerNumericLiteralEnd(literal, start, out var nonDecimal);
                    if (end < 0)
                    {
                        return;
                    }

                    _maskedLiterals.Add((start, literal[start..end].ToArray()));
                    NewerSyntaxDetector.MaskNumericLiteral(literal[start..end], nonDecimal);
                }
                finally
                {
                    PgQueryNative.pg_query_free_scan_result(scan);
                }
            }
        }

        /// <summary>Puts the original text of masked literals between <paramref name="start"/> and <paramref name="end"/> back, or masks them again.</summary>
        private void SwapMaskedLiterals(int start, int end)
        {
            foreach (var (literalStart, original) in _maskedLiterals)
            {
                if (literalStart >= start && literalStart < end)
                {
                    var current = new Span<byte>(input + literalStart, original.Length);
                    var masked = current.ToArray();
                    original.CopyTo(current);
                    masked.CopyTo(original);
                }
            }
        }

        /// <summary>Splits the input from <paramref name="offset"/>; returns where to continue (the end when done).</summary>
        private int SplitFrom(int offset)
        {
            var split = PgQueryNative.pg_query_split_with_scanner(input + offset);
            try
            {
                return split.Error != 0
                    ? SplitAroundScannerError(offset, Marshal.PtrToStructure<PgQueryError>(split.Error).CursorPos)
                    : SplitPieces(offset, (PgQuerySplitStmt**)split.Statements, split.Count, toEnd: true);
            }
            finally
            {
                PgQueryNative.pg_query_free_split_result(split);
            }
        }

        /// <summary>
        /// Adds the pieces; returns where to split again after a psql meta-command or COPY data, or the
        /// end. Text between pieces that is not trivia is added too: the scanner-based splitter skips
        /// statements that do not start with a keyword (<c>SELEC 1;</c>, <c>(SELECT 1);</c>).
        /// </summary>
        private int SplitPieces(int offset, PgQuerySplitStmt** pieces, int count, bool toEnd)
        {
            var covered = offset;
            for (var i = 0; i < count; i++)
            {
                var pieceStart = offset + pieces[i]->Location;
                var pieceEnd = Math.Min(length, pieceStart + pieces[i]->Length);
                var resume = AddSkipped(covered, pieceStart);
                if (resume >= 0)
                {
                    return resume;
                }

                covered = pieceEnd;
                var start = SkipTrivia(pieceStart, pieceEnd);
                if (start >= pieceEnd)
                {
                    continue;
                }

                resume = AddPieceAt(start, pieceEnd);
                if (resume >= 0)
                {
                    return resume;
                }
            }

            if (toEnd)
            {
                var resume = AddSkipped(covered, length);
                if (resume >= 0)
                {
                    return resume;
                }
            }

            return length;
        }

        /// <summary>Adds what starts at <paramref name="start"/>; returns where to split again, or -1 to go on.</summary>
        private int AddPieceAt(int start, int end)
        {
            if (input[start] == (byte)'\\')
            {
                var lineEnd = LineEnd(start);
                AddPiece(StatementKind.PsqlMetaCommand, start, lineEnd);
                return NextLine(lineEnd);
            }

            var statement = AddSql(start, end);
            return statement?.Root?.CopyStmt is { IsFrom: true, IsProgram: false, Filename: "" }
                ? AddCopyData(end)
                : -1;
        }

        /// <summary>
        /// Adds the statements in a stretch the splitter passed over, one per semicolon; returns where to
        /// split again (after a psql meta-command or COPY data), or -1.
        /// </summary>
        private int AddSkipped(int from, int to)
        {
            while (from < to)
            {
                var start = SkipTrivia(from, to);
                while (start < to && input[start] == (byte)';')
                {
                    start = SkipTrivia(start + 1, to);
                }

                if (start >= to)
                {
                    return -1;
                }

                var end = to;
                if (_fileTokens is not null)
                {
                    for (var i = LowerBound(_fileTokens, start); i < _fileTokens.Count && _fileTokens[i].ByteStart < to; i++)
                    {
                        if (_fileTokens[i].Kind == Token.Ascii59)
                        {
                            end = _fileTokens[i].ByteStart;
                            break;
                        }
                    }
                }

                var resume = AddPieceAt(start, end);
                if (resume >= 0)
                {
                    return resume;
                }

                from = end + 1;
            }

            return -1;
        }

        /// <summary>
        /// The scanner failed (e.g. an unterminated quote, which swallows the rest of the file as
        /// PostgreSQL would): the statements before the error are split and linted as usual, and
        /// everything from the start of the failing statement on is one statement that fails to parse.
        /// </summary>
        private int SplitAroundScannerError(int offset, int cursor)
        {
            var errorAt = Math.Clamp(AdvanceCodePoints(offset, length, cursor - 1), offset, length);
            var restStart = offset;
            if (errorAt > offset)
            {
                var saved = input[errorAt];
                input[errorAt] = 0;
                var prefix = PgQueryNative.pg_query_split_with_scanner(input + offset);
                if (_fileTokens is null)
                {
                    // The text before the error scans: its tokens find the statements the splitter skips.
                    _fileTokens = ScanNative(input + offset, offset);
                    foreach (var token in _fileTokens ?? [])
                    {
                        if (token.IsComment)
                        {
                            AddComment(token);
                        }
                    }
                }

                input[errorAt] = saved;
                try
                {
                    if (prefix.Error == 0 && prefix.Count > 1)
                    {
                        // The last piece runs into the error; the ones before it are complete.
                        var pieces = (PgQuerySplitStmt**)prefix.Statements;
                        var end = SplitPieces(offset, pieces, prefix.Count - 1, toEnd: false);
                        if (end != length)
                        {
                            return end;
                        }

                        restStart = offset + pieces[prefix.Count - 2]->Location + pieces[prefix.Count - 2]->Length;
                    }
                }
                finally
                {
                    PgQueryNative.pg_query_free_split_result(prefix);
                }
            }

            var resume = AddSkipped(restStart, length);
            return resume >= 0 ? resume : length;
        }

        private SqlStatement? AddSql(int start, int end)
        {
            var saved = input[end];
            input[end] = 0;
            ParseResult? tree;
            string? error;
            int cursor;
            List<SqlToken>? pieceTokens = null;
            NewerSyntax? newer = null;
            try
            {
                if (_fileTokens is null)
                {
                    pieceTokens = ScanNative(input + start, start);
                }

                SwapMaskedLiterals(start, end);
                tree = ParseNative(input + start, out error, out cursor);
                if (tree is null)
                {
                    newer = NewerSyntaxDetector.Detect(new ReadOnlySpan<byte>(input + start, end - start));
                }
            }
            finally
            {
                SwapMaskedLiterals(start, end);
                input[end] = saved;
            }

            ImmutableArray<SqlToken> tokens = pieceTokens is not null ? [.. pieceTokens]
                : _fileTokens is not null ? TokensIn(_fileTokens, start, end)
                : [];
            if (pieceTokens is not null)
            {
                foreach (var token in pieceTokens)
                {
                    if (token.IsComment)
                    {
                        AddComment(token);
                    }
                }
            }

            if (tree is { Stmts.Count: 0 })
            {
                // Only comments or an empty statement: nothing to lint.
                return null;
            }

            var span = SpanOf(tokens, start, end);
            if (tree is null)
            {
                // The tokens of a statement cut short by a scanner error end early; the statement does not.
                span = TextSpan.FromBounds(span.Start, Math.Max(span.End, source.GetCharOffset(TrimEnd(start, end))));
            }

            var syntaxError = tree is null
                ? new SyntaxError(error ?? "syntax error", ErrorSpan(tokens, start, end, cursor)) { NewerSyntax = newer }
                : null;
            var statement = new SqlStatement(source, _statements.Count, StatementKind.Sql, start, end - start, span, tree?.Stmts[0].Stmt, syntaxError, tokens);
            _statements.Add(statement);
            return statement;
        }

        private void AddPiece(StatementKind kind, int start, int end)
        {
            var span = source.GetSpanFromBytes(start, TrimEnd(start, end));
            _statements.Add(new SqlStatement(source, _statements.Count, kind, start, end - start, span, null, null, []));
        }

        private int AddCopyData(int statementEnd)
        {
            // The data starts on the line after the statement's semicolon and ends with a line "\.".
            var dataStart = NextLine(LineEnd(statementEnd));
            var position = dataStart;
            while (position < length)
            {
                var lineEnd = LineEnd(position);
                var line = new ReadOnlySpan<byte>(input + position, lineEnd - position).TrimEnd((byte)'\r');
                if (line.SequenceEqual("\\."u8))
                {
                    AddPiece(StatementKind.CopyData, dataStart, lineEnd);
                    return NextLine(lineEnd);
                }

                position = NextLine(lineEnd);
            }

            if (dataStart < length)
            {
                AddPiece(StatementKind.CopyData, dataStart, length);
            }

            return length;
        }

        private static ImmutableArray<SqlToken> TokensIn(List<SqlToken> tokens, int start, int end)
        {
            var builder = ImmutableArray.CreateBuilder<SqlToken>();
            for (var i = LowerBound(tokens, start); i < tokens.Count && tokens[i].ByteStart < end; i++)
            {
                builder.Add(tokens[i]);
            }

            return builder.ToImmutable();
        }

        private TextSpan SpanOf(ImmutableArray<SqlToken> tokens, int start, int end)
        {
            int first = -1, last = -1;
            for (var i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].IsComment || tokens[i].Kind == Token.Ascii59)
                {
                    continue;
                }

                if (first < 0)
                {
                    first = i;
                }

                last = i;
            }

            return first < 0
                ? source.GetSpanFromBytes(start, TrimEnd(start, end))
                : source.GetSpanFromBytes(tokens[first].ByteStart, Math.Min(end, tokens[last].ByteEnd));
        }

        private TextSpan ErrorSpan(ImmutableArray<SqlToken> tokens, int start, int end, int cursor)
        {
            if (cursor <= 0)
            {
                return new TextSpan(source.GetCharOffset(start), 0);
            }

            // libpg_query reports a 1-based character (code point) position within the statement.
            var bytePosition = Math.Min(AdvanceCodePoints(start, end, cursor - 1), end);
            foreach (var token in tokens)
            {
                if (bytePosition >= token.ByteStart && bytePosition < token.ByteEnd)
                {
                    return source.GetSpanFromBytes(token.ByteStart, token.ByteEnd);
                }
            }

            return new TextSpan(source.GetCharOffset(Math.Min(bytePosition, TrimEnd(start, end))), 0);
        }

        private int AdvanceCodePoints(int position, int end, int count)
        {
            for (var i = 0; i < count && position < end; i++)
            {
                position += Utf8SequenceLength(input[position]);
            }

            return position;
        }

        private void AddComment(SqlToken token)
        {
            var span = source.GetSpanFromBytes(token.ByteStart, token.ByteEnd);
            _comments.Add(new SqlComment(span, source.ToString(span), token.Kind == Token.CComment));
        }

        /// <summary>Skips white space and comments (the trivia the splitter leaves at a piece's start).</summary>
        private int SkipTrivia(int position, int end)
        {
            while (position < end)
            {
                var c = input[position];
                if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v')
                {
                    position++;
                }
                else if (c == (byte)'-' && position + 1 < end && input[position + 1] == (byte)'-')
                {
                    position = Math.Min(LineEnd(position), end);
                }
                else if (c == (byte)'/' && position + 1 < end && input[position + 1] == (byte)'*')
                {
                    position = SkipBlockComment(position, end);
                }
                else
                {
                    break;
                }
            }

            return position;
        }

        private int SkipBlockComment(int position, int end)
        {
            // PostgreSQL block comments nest.
            var depth = 1;
            position += 2;
            while (position < end && depth > 0)
            {
                if (input[position] == (byte)'*' && position + 1 < end && input[position + 1] == (byte)'/')
                {
                    depth--;
                    position += 2;
                }
                else if (input[position] == (byte)'/' && position + 1 < end && input[position + 1] == (byte)'*')
                {
                    depth++;
                    position += 2;
                }
                else
                {
                    position++;
                }
            }

            return position;
        }

        private int TrimEnd(int start, int end)
        {
            while (end > start && input[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)';')
            {
                end--;
            }

            return end;
        }

        private int LineEnd(int position)
        {
            while (position < length && input[position] != (byte)'\n')
            {
                position++;
            }

            return position;
        }

        private int NextLine(int lineEnd) => Math.Min(length, lineEnd + 1);
    }
}
