using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PgLint.Syntax.Native;
using PgQuery;

namespace PgLint.Syntax;

/// <summary>
/// Finds the body of <c>CREATE FUNCTION</c>/<c>PROCEDURE</c> and <c>DO</c>, parses it with PL/pgSQL's
/// parser (libpg_query's <c>pg_query_parse_plpgsql</c>) or, for SQL bodies, with the SQL parser, and
/// places every statement and expression in the file.
/// </summary>
internal static unsafe partial class RoutineBodyParser
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    /// <summary>The body of a statement, parsed; null when the statement has none this parser handles.</summary>
    public static RoutineBody? Parse(SqlStatement statement, List<SqlComment> comments)
    {
        if (statement.Root is not { } root || FindBody(root) is not var (kind, language, asLocation) || language is not ("plpgsql" or "sql"))
        {
            return null;
        }

        var fileBytes = statement.Source.Utf8;
        var literalIndex = -1;
        var asByte = statement.GetFileByteOffset(asLocation);
        for (var i = 0; i < statement.Tokens.Length; i++)
        {
            if (statement.Tokens[i].ByteStart >= asByte && statement.Tokens[i].Kind == Token.Sconst)
            {
                literalIndex = i;
                break;
            }
        }

        if (literalIndex < 0 || Decode(fileBytes, statement.Tokens[literalIndex]) is not var (content, map))
        {
            return null;
        }

        var body = new RoutineBody(statement, kind, language, Utf8.GetString(content), map);
        var literal = statement.Tokens[literalIndex];
        body.Tokens = ScanBody(body, content, comments);
        if (language == "sql")
        {
            ParseSqlBody(body, comments);
        }
        else
        {
            var prefix = fileBytes.AsSpan(statement.ByteStart, literal.ByteStart - statement.ByteStart).ToArray();
            var suffix = fileBytes.AsSpan(literal.ByteEnd, Math.Max(0, statement.ByteStart + statement.ByteLength - literal.ByteEnd)).ToArray();
            ParsePlpgsqlBody(body, content, prefix, suffix);
        }

        return body;
    }

    private static (RoutineKind Kind, string Language, int AsLocation)? FindBody(Node root)
    {
        IEnumerable<Node> options;
        RoutineKind kind;
        string language;
        if (root.CreateFunctionStmt is { } function)
        {
            if (function.SqlBody is not null)
            {
                return null;
            }

            options = function.Options;
            kind = function.IsProcedure ? RoutineKind.Procedure : RoutineKind.Function;
            language = string.Empty;
        }
        else if (root.DoStmt is { } block)
        {
            options = block.Args;
            kind = RoutineKind.DoBlock;
            language = "plpgsql";
        }
        else
        {
            return null;
        }

        var asLocation = -1;
        foreach (var option in options)
        {
            switch (option.DefElem)
            {
                case { Defname: "language", Arg.String.Sval: var name }:
                    language = name.ToLowerInvariant();
                    break;
                case { Defname: "as" } definition:
                    asLocation = Math.Max(0, definition.Location);
                    break;
            }
        }

        return asLocation < 0 ? null : (kind, language, asLocation);
    }

    /// <summary>The body's bytes and their map to the file: <c>$tag$…$tag$</c> as is, <c>'…'</c> with doubled quotes undone.</summary>
    private static (byte[] Content, BodyMap Map)? Decode(byte[] file, SqlToken literal)
    {
        var text = file.AsSpan(literal.ByteStart, literal.ByteEnd - literal.ByteStart);
        if (text.Length >= 2 && text[0] == (byte)'$')
        {
            var tagLength = text[1..].IndexOf((byte)'$') + 2;
            if (tagLength < 2 || text.Length < 2 * tagLength)
            {
                return null;
            }

            return (text[tagLength..^tagLength].ToArray(), new BodyMap(literal.ByteStart + tagLength, []));
        }

        if (text.Length < 2 || text[0] != (byte)'\'' || text[^1] != (byte)'\'')
        {
            // E'…' and U&'…' bodies: their escapes make the text differ from the file; left alone.
            return null;
        }

        var content = new List<byte>(text.Length);
        var collapsed = new List<int>();
        for (var i = 1; i < text.Length - 1; i++)
        {
            content.Add(text[i]);
            if (text[i] == (byte)'\'' && i + 1 < text.Length - 1 && text[i + 1] == (byte)'\'')
            {
                collapsed.Add(content.Count - 1);
                i++;
            }
        }

        return ([.. content], new BodyMap(literal.ByteStart + 1, [.. collapsed]));
    }

    private static ImmutableArray<SqlToken> ScanBody(RoutineBody body, byte[] content, List<SqlComment> comments)
    {
        var bytes = Terminated(content);
        fixed (byte* input = bytes)
        {
            var result = PgQueryNative.pg_query_scan(input);
            try
            {
                if (result.Error != 0)
                {
                    return [];
                }

                var scan = ScanResult.Parser.ParseFrom(new ReadOnlySpan<byte>((void*)result.Tokens.Data, checked((int)result.Tokens.Length)));
                var builder = ImmutableArray.CreateBuilder<SqlToken>(scan.Tokens.Count);
                foreach (var t in scan.Tokens)
                {
                    var token = new SqlToken(body.Map.ToFile(t.Start), body.Map.ToFile(t.End), t.Token, t.KeywordKind);
                    builder.Add(token);
                    if (token.IsComment)
                    {
                        var span = body.Statement.Source.GetSpanFromBytes(token.ByteStart, token.ByteEnd);
                        comments.Add(new SqlComment(span, body.Statement.Source.ToString(span), token.Kind == Token.CComment));
                    }
                }

                return builder.MoveToImmutable();
            }
            finally
            {
                PgQueryNative.pg_query_free_scan_result(result);
            }
        }
    }

    private static void ParseSqlBody(RoutineBody body, List<SqlComment> comments)
    {
        var inner = SqlParser.Parse(SourceText.From(body.Text, body.Statement.Source.Path), parseBodies: false);
        var statements = ImmutableArray.CreateBuilder<SqlStatement>();
        foreach (var piece in inner.Statements)
        {
            if (piece.Kind != StatementKind.Sql)
            {
                continue;
            }

            var tokens = piece.Tokens.Select(t => new SqlToken(body.Map.ToFile(t.ByteStart), body.Map.ToFile(t.ByteEnd), t.Kind, t.KeywordKind));
            var error = piece.Error is { } e ? e with { Span = body.MapCharSpan(e.Span.Start, e.Span.End) } : null;
            statements.Add(new SqlStatement(
                body.Statement.Source,
                body.Statement.Ordinal,
                StatementKind.Sql,
                body.Map.ToFile(piece.ByteStart),
                piece.ByteLength,
                body.MapCharSpan(piece.Span.Start, piece.Span.End),
                piece.Root,
                error,
                [.. tokens],
                new BodyPlacement(body, EmbeddedSqlKind.Statement, piece.ByteStart, 0)));
        }

        body.Statements = statements.ToImmutable();
    }

    private static void ParsePlpgsqlBody(RoutineBody body, byte[] content, byte[] prefix, byte[] suffix)
    {
        var json = CompilePlpgsql(prefix, content, suffix, out var message);
        if (json is null && message is not null && IsParserLimitation(body, message))
        {
            body.Unsupported = message;
            return;
        }

        if (json is null)
        {
            body.Error = new SyntaxError(message ?? "syntax error", LocateError(body, content, prefix, suffix, message));
            return;
        }

        var builder = new TreeBuilder(body);
        body.Plpgsql = builder.Build(json.Value);
        body.Statements = [.. builder.Located.OrderBy(static s => s.Span.Start)];
    }

    /// <summary>
    /// Errors that come from what libpg_query's PL/pgSQL compiler cannot know without a server: the
    /// types of variables (cursor variables, collatable types, the fields of composite variables), the
    /// <c>$n</c> names of parameters, and the output columns of <c>RETURNS TABLE</c>. PostgreSQL
    /// accepts these bodies.
    /// </summary>
    private static bool IsParserLimitation(RoutineBody body, string message) =>
        message.Contains("must be of type cursor or refcursor", StringComparison.Ordinal)
        || message.StartsWith("collations are not supported by type", StringComparison.Ordinal)
        || message.Contains("\"$", StringComparison.Ordinal)
        || (message.EndsWith("is not a known variable", StringComparison.Ordinal) && QuotedName().Match(message).Groups["name"].Value.Contains('.', StringComparison.Ordinal))
        || (message.StartsWith("syntax error at or near", StringComparison.Ordinal) && NamesCursor(body, QuotedName().Match(message).Groups["name"].Value))
        || (message.StartsWith("missing expression", StringComparison.Ordinal)
            && body.Statement.Root?.CreateFunctionStmt is { } function
            && function.Parameters.Any(static p => p.FunctionParameter?.Mode is FunctionParameterMode.FuncParamTable or FunctionParameterMode.FuncParamOut or FunctionParameterMode.FuncParamInout));

    /// <summary>True when the body declares <paramref name="name"/> as a cursor (<c>name [NO] SCROLL CURSOR</c>, <c>name refcursor</c>).</summary>
    private static bool NamesCursor(RoutineBody body, string name)
    {
        var words = body.Tokens.Where(static t => !t.IsComment).Select(body.GetTokenText).ToList();
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i].Equals(name, StringComparison.OrdinalIgnoreCase)
                && words[i + 1].ToLowerInvariant() is "cursor" or "refcursor" or "scroll" or "no")
            {
                return true;
            }
        }

        return false;
    }

    private static JsonElement? CompilePlpgsql(byte[] prefix, ReadOnlySpan<byte> content, byte[] suffix, out string? error)
    {
        var tag = "$pglint$"u8.ToArray();
        for (var n = 0; content.IndexOf(tag) >= 0; n++)
        {
            tag = Utf8.GetBytes($"$pglint{n}$");
        }

        var input = new byte[prefix.Length + content.Length + suffix.Length + (2 * tag.Length) + 1];
        var span = input.AsSpan();
        prefix.CopyTo(span);
        span = span[prefix.Length..];
        tag.CopyTo(span);
        span = span[tag.Length..];
        content.CopyTo(span);
        span = span[content.Length..];
        tag.CopyTo(span);
        suffix.CopyTo(span[tag.Length..]);
        input.AsSpan(0, input.Length - 1).Replace((byte)0, (byte)' ');
        fixed (byte* text = input)
        {
            var result = PgQueryNative.pg_query_parse_plpgsql(text);
            try
            {
                if (result.Error != 0)
                {
                    var nativeError = Marshal.PtrToStructure<PgQueryError>(result.Error);
                    error = PgQueryNative.ReadString(nativeError.Message) ?? "syntax error";
                    return null;
                }

                error = null;
                using var document = JsonDocument.Parse(PgQueryNative.ReadString(result.Functions) ?? "[]");
                return document.RootElement is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0
                    && array[0].TryGetProperty("PLpgSQL_function", out var function)
                    ? function.Clone()
                    : null;
            }
            finally
            {
                PgQueryNative.pg_query_free_plpgsql_parse_result(result);
            }
        }
    }

    /// <summary>
    /// libpg_query gives no position for PL/pgSQL errors, so the line is found by parsing ever longer
    /// prefixes of the body: the parser reads left to right, so the shortest prefix that fails with the
    /// same message ends on the line of the error. Within it, the token the message quotes is marked.
    /// </summary>
    private static TextSpan LocateError(RoutineBody body, byte[] content, byte[] prefix, byte[] suffix, string? message)
    {
        int lo = 1, hi = body.LineCount;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var end = mid < body.LineCount ? body.ByteOf(body.LineStart(mid + 1)) : content.Length;
            CompilePlpgsql(prefix, content.AsSpan(0, end), suffix, out var error);
            if (error == message)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        var lineStart = body.LineStart(lo);
        var lineEnd = lo < body.LineCount ? body.LineStart(lo + 1) - 1 : body.Text.Length;
        var line = body.Text[lineStart..lineEnd];
        if (message is not null && QuotedName().Match(message) is { Success: true } quoted)
        {
            var at = line.IndexOf(quoted.Groups["name"].Value, StringComparison.Ordinal);
            at = at >= 0 ? at : line.IndexOf(quoted.Groups["name"].Value, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return body.MapCharSpan(lineStart + at, lineStart + at + quoted.Groups["name"].Value.Length);
            }
        }

        var trimmed = line.TrimEnd();
        var indent = trimmed.Length - trimmed.TrimStart().Length;
        return body.MapCharSpan(lineStart + indent, lineStart + trimmed.Length);
    }

    [GeneratedRegex("\"(?<name>[^\"]+)\"")]
    private static partial Regex QuotedName();

    private static byte[] Terminated(ReadOnlySpan<byte> text)
    {
        var bytes = new byte[text.Length + 1];
        text.CopyTo(bytes);
        bytes.AsSpan(0, text.Length).Replace((byte)0, (byte)' ');
        return bytes;
    }

    /// <summary>Builds the typed tree from libpg_query's JSON, placing and parsing each expression on the way.</summary>
    private sealed class TreeBuilder(RoutineBody body)
    {
        private readonly List<(int Start, int End)> _claimed = [];
        private int _cursor;

        public List<SqlStatement> Located { get; } = [];

        public PlpgsqlFunction Build(JsonElement function)
        {
            var variables = ImmutableArray.CreateBuilder<PlpgsqlVariable>();
            if (function.TryGetProperty("datums", out var datums))
            {
                foreach (var datum in datums.EnumerateArray())
                {
                    variables.Add(Variable(variables.Count, datum));
                }
            }

            var action = function.TryGetProperty("action", out var root) ? Statement(root, 0) : Empty();
            var result = new PlpgsqlFunction(function, variables.ToImmutable(), action);
            Classify(result);
            return result;
        }

        private static void Classify(PlpgsqlFunction function)
        {
            var found = function.Variables.FirstOrDefault(static v => v.Name == "found" && v.Line == 0)?.Number ?? -1;
            var loopVariables = new HashSet<(string, int)>();
            foreach (var statement in function.Statements)
            {
                if (statement.Kind is PlpgsqlStatementKind.ForInteger or PlpgsqlStatementKind.ForCursor
                    && statement.Json.TryGetProperty("var", out var loop) && loop.ValueKind == JsonValueKind.Object
                    && loop.EnumerateObject().FirstOrDefault().Value is { ValueKind: JsonValueKind.Object } variable)
                {
                    loopVariables.Add((variable.TryGetProperty("refname", out var name) ? name.GetString() ?? string.Empty : string.Empty, variable.TryGetProperty("lineno", out var line) ? line.GetInt32() : 0));
                }
            }

            foreach (var variable in function.Variables)
            {
                variable.IsParameter = variable.Number < found;
                variable.IsDeclared = variable.Line > 0
                    && variable.Kind is "var" or "rec" or "row"
                    && variable.Name != "(unnamed row)"
                    && !(variable.IsConstant && variable.Name is "sqlstate" or "sqlerrm")
                    && !loopVariables.Contains((variable.Name, variable.Line));
            }
        }

        private PlpgsqlVariable Variable(int number, JsonElement datum)
        {
            var property = datum.EnumerateObject().FirstOrDefault();
            var value = property.Value;
            var kind = property.Name.StartsWith("PLpgSQL_", StringComparison.Ordinal) ? property.Name["PLpgSQL_".Length..] : property.Name;
            var name = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("refname", out var refname) ? refname.GetString() ?? string.Empty
                : value.ValueKind == JsonValueKind.Object && value.TryGetProperty("fieldname", out var fieldname) ? fieldname.GetString() ?? string.Empty
                : string.Empty;
            var line = Int(value, "lineno");
            string? typeName = null;
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("datatype", out var type)
                && type.TryGetProperty("PLpgSQL_type", out var plType) && plType.TryGetProperty("typname", out var typname)
                && typname.GetString() is { } written && written != "UNKNOWN")
            {
                typeName = written.Trim();
            }

            var defaultValue = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("default_val", out var defaultJson) ? Expression("default_val", defaultJson, EmbeddedSqlKind.Expression, line) : null;
            var cursor = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("cursor_explicit_expr", out var cursorJson) ? Expression("cursor_explicit_expr", cursorJson, EmbeddedSqlKind.Statement, line) : null;
            var isConstant = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("isconst", out var constant) && constant.ValueKind == JsonValueKind.True;
            return new PlpgsqlVariable(number, kind, value, name, line, typeName, isConstant, defaultValue, cursor);
        }

        private static PlpgsqlStatement Empty() =>
            new(PlpgsqlStatementKind.Block, "PLpgSQL_stmt_block", default, 0, [], [], [], [], []);

        private PlpgsqlStatement Statement(JsonElement wrapper, int inheritedLine)
        {
            var property = wrapper.EnumerateObject().FirstOrDefault();
            var json = property.Value;
            var kind = KindOf(property.Name);
            var line = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("lineno", out var lineno) ? lineno.GetInt32() : 0;
            var expressions = ImmutableArray.CreateBuilder<PlpgsqlExpression>();
            if (json.ValueKind != JsonValueKind.Object)
            {
                return new PlpgsqlStatement(kind, property.Name, json, line, [], [], [], [], []);
            }

            foreach (var field in json.EnumerateObject())
            {
                if (field.Value.ValueKind == JsonValueKind.Object && field.Value.TryGetProperty("PLpgSQL_expr", out _))
                {
                    expressions.Add(Expression(field.Name, field.Value, ExpressionKind(kind, field.Name), Math.Max(line, inheritedLine), kind == PlpgsqlStatementKind.Perform));
                }
                else if (field.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in field.Value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("PLpgSQL_expr", out _))
                        {
                            expressions.Add(Expression(field.Name, item, EmbeddedSqlKind.Expression, Math.Max(line, inheritedLine)));
                        }
                        else if (field.Name is not ("elsif_list" or "case_when_list" or "body" or "then_body" or "else_body" or "else_stmts")
                            && item.ValueKind == JsonValueKind.Object
                            && item.EnumerateObject().FirstOrDefault().Value is { ValueKind: JsonValueKind.Object } option
                            && option.TryGetProperty("expr", out var optionExpr) && optionExpr.ValueKind == JsonValueKind.Object
                            && optionExpr.TryGetProperty("PLpgSQL_expr", out _))
                        {
                            // RAISE … USING option = expression
                            expressions.Add(Expression(field.Name, optionExpr, EmbeddedSqlKind.Expression, Math.Max(line, inheritedLine)));
                        }
                    }
                }
            }

            ImmutableArray<PlpgsqlStatement> body = [], elseBody = [];
            var branches = ImmutableArray.CreateBuilder<PlpgsqlBranch>();
            var handlers = ImmutableArray.CreateBuilder<PlpgsqlExceptionHandler>();
            foreach (var field in json.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "body" or "then_body":
                        body = Statements(field.Value, line);
                        break;
                    case "else_body" or "else_stmts":
                        elseBody = Statements(field.Value, line);
                        break;
                    case "elsif_list" or "case_when_list":
                        foreach (var item in field.Value.EnumerateArray())
                        {
                            var branch = item.EnumerateObject().FirstOrDefault().Value;
                            var branchLine = Int(branch, "lineno");
                            var condition = branch.TryGetProperty("cond", out var cond) ? Expression("cond", cond, EmbeddedSqlKind.Expression, branchLine)
                                : branch.TryGetProperty("expr", out var whenExpr) ? Expression("expr", whenExpr, EmbeddedSqlKind.Expression, branchLine)
                                : null;
                            branches.Add(new PlpgsqlBranch(branchLine, condition, branch.TryGetProperty("stmts", out var stmts) ? Statements(stmts, branchLine) : []));
                        }

                        break;
                    case "exceptions" when field.Value.TryGetProperty("PLpgSQL_exception_block", out var block) && block.TryGetProperty("exc_list", out var list):
                        foreach (var item in list.EnumerateArray())
                        {
                            var handler = item.EnumerateObject().FirstOrDefault().Value;
                            var conditions = handler.TryGetProperty("conditions", out var names)
                                ? names.EnumerateArray()
                                    .Select(static c => c.EnumerateObject().FirstOrDefault().Value)
                                    .Select(static c => c.TryGetProperty("condname", out var n) ? n.GetString() ?? string.Empty : string.Empty)
                                    .ToImmutableArray()
                                : [];
                            handlers.Add(new PlpgsqlExceptionHandler(conditions, handler.TryGetProperty("action", out var action) ? Statements(action, line) : []));
                        }

                        break;
                }
            }

            return new PlpgsqlStatement(kind, property.Name, json, line, expressions.ToImmutable(), body, branches.ToImmutable(), elseBody, handlers.ToImmutable());
        }

        private ImmutableArray<PlpgsqlStatement> Statements(JsonElement array, int line) =>
            array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray().Select(s => Statement(s, line))] : [];

        private static EmbeddedSqlKind ExpressionKind(PlpgsqlStatementKind statement, string field) => (statement, field) switch
        {
            (_, "sqlstmt") => EmbeddedSqlKind.Statement,
            (PlpgsqlStatementKind.Perform, "expr") => EmbeddedSqlKind.Statement,
            (PlpgsqlStatementKind.Assign, "expr") => EmbeddedSqlKind.Assignment,
            (PlpgsqlStatementKind.ForQuery or PlpgsqlStatementKind.Open or PlpgsqlStatementKind.ReturnQuery, "query") => EmbeddedSqlKind.Statement,
            _ => EmbeddedSqlKind.Expression,
        };

        private static int Int(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

        private PlpgsqlExpression Expression(string field, JsonElement wrapper, EmbeddedSqlKind kind, int line, bool perform = false)
        {
            var query = wrapper.TryGetProperty("PLpgSQL_expr", out var expr) && expr.TryGetProperty("query", out var text) ? text.GetString() ?? string.Empty : string.Empty;
            var expression = new PlpgsqlExpression(field, query, kind, line);
            if (query.Length > 0)
            {
                Place(expression, perform && query.StartsWith("SELECT", StringComparison.Ordinal));
            }

            return expression;
        }

        /// <summary>Finds the expression's text in the body (from its statement's line) and parses it.</summary>
        private void Place(PlpgsqlExpression expression, bool perform)
        {
            var query = expression.Query;
            int start;
            string written;
            if (perform)
            {
                start = FindPerform(expression);
                written = "PERFORM" + query[6..];
            }
            else
            {
                written = query;
                start = Find(written, Math.Max(body.LineStart(expression.Line), _cursor));
                if (start < 0)
                {
                    start = Find(written, body.LineStart(expression.Line));
                }
            }

            if (start < 0)
            {
                return;
            }

            var end = start + written.Length;
            _claimed.Add((start, end));
            _cursor = end;
            expression.Span = body.MapCharSpan(start, end);

            var queryBytes = Utf8.GetBytes(query);
            var skip = 0;
            var prefix = Array.Empty<byte>();
            var bodyStart = body.ByteOf(start);
            if (perform)
            {
                prefix = "SELECT"u8.ToArray();
                skip = 6;
                bodyStart += 7;
            }
            else if (expression.Kind == EmbeddedSqlKind.Assignment)
            {
                skip = AssignmentValueStart(queryBytes);
                if (skip < 0)
                {
                    return;
                }

                prefix = "SELECT "u8.ToArray();
                bodyStart += skip;
            }
            else if (expression.Kind == EmbeddedSqlKind.Expression)
            {
                prefix = "SELECT "u8.ToArray();
            }

            var parseText = new byte[prefix.Length + queryBytes.Length - skip + 1];
            prefix.CopyTo(parseText, 0);
            queryBytes.AsSpan(skip).CopyTo(parseText.AsSpan(prefix.Length));
            parseText.AsSpan(0, parseText.Length - 1).Replace((byte)0, (byte)' ');
            var placement = new BodyPlacement(body, expression.Kind, bodyStart, prefix.Length);
            ParseResult? tree;
            List<SqlToken> tokens = [];
            fixed (byte* input = parseText)
            {
                tree = SqlParser.ParseNative(input, out _, out _);
                if (tree is not { Stmts.Count: 1 })
                {
                    return;
                }

                var length = parseText.Length - 1;
                foreach (var token in SqlParser.ScanNative(input, 0) ?? [])
                {
                    if (token.ByteEnd > prefix.Length)
                    {
                        var first = placement.ToFileByte(Math.Max(token.ByteStart, prefix.Length), length);
                        var tokenEnd = placement.ToFileByte(token.ByteEnd, length);
                        tokens.Add(token with { ByteStart = first, ByteEnd = tokenEnd });
                    }
                }
            }

            var statement = new SqlStatement(
                body.Statement.Source,
                body.Statement.Ordinal,
                StatementKind.Sql,
                placement.ToFileByte(prefix.Length, parseText.Length - 1),
                parseText.Length - 1,
                expression.Span.Value,
                tree.Stmts[0].Stmt,
                null,
                [.. tokens],
                placement);
            expression.Sql = statement;
            Located.Add(statement);
        }

        private int FindPerform(PlpgsqlExpression expression)
        {
            var rest = expression.Query[6..];
            for (var from = body.LineStart(expression.Line); from < body.Text.Length;)
            {
                var at = body.Text.IndexOf("perform", from, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    return -1;
                }

                if (IsMatch(body.Text, at + 7, rest) && !Claimed(at, at + 7 + rest.Length))
                {
                    return at;
                }

                from = at + 1;
            }

            return -1;
        }

        /// <summary>The first unclaimed place from <paramref name="from"/> where the body reads <paramref name="query"/>; blanks in it stand for an INTO clause.</summary>
        private int Find(string query, int from)
        {
            var blank = query.IndexOf(' ', StringComparison.Ordinal);
            var anchor = blank > 0 ? query[..blank] : query;
            while (from <= body.Text.Length - query.Length)
            {
                var at = body.Text.IndexOf(anchor, from, StringComparison.Ordinal);
                if (at < 0 || at > body.Text.Length - query.Length)
                {
                    return -1;
                }

                if (IsMatch(body.Text, at, query) && !Claimed(at, at + query.Length))
                {
                    return at;
                }

                from = at + 1;
            }

            return -1;
        }

        private static bool IsMatch(string text, int at, string query)
        {
            if (at < 0 || at + query.Length > text.Length)
            {
                return false;
            }

            for (var i = 0; i < query.Length; i++)
            {
                if (query[i] != text[at + i] && query[i] != ' ')
                {
                    return false;
                }
            }

            return true;
        }

        private bool Claimed(int start, int end) => _claimed.Exists(c => start < c.End && c.Start < end);

        /// <summary>The byte after <c>:=</c> (or <c>=</c>) at bracket depth 0, skipping blanks; -1 when there is none.</summary>
        private static int AssignmentValueStart(byte[] query)
        {
            var input = Terminated(query);
            fixed (byte* text = input)
            {
                var depth = 0;
                foreach (var token in SqlParser.ScanNative(text, 0) ?? [])
                {
                    depth += token.Kind switch
                    {
                        Token.Ascii40 or Token.Ascii91 => 1,
                        Token.Ascii41 or Token.Ascii93 => -1,
                        _ => 0,
                    };
                    if (depth == 0 && token.Kind is Token.ColonEquals or Token.Ascii61)
                    {
                        var value = token.ByteEnd;
                        while (value < query.Length && query[value] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                        {
                            value++;
                        }

                        return value;
                    }
                }
            }

            return -1;
        }

        private static PlpgsqlStatementKind KindOf(string name) => name switch
        {
            "PLpgSQL_stmt_block" => PlpgsqlStatementKind.Block,
            "PLpgSQL_stmt_assign" => PlpgsqlStatementKind.Assign,
            "PLpgSQL_stmt_if" => PlpgsqlStatementKind.If,
            "PLpgSQL_stmt_case" => PlpgsqlStatementKind.Case,
            "PLpgSQL_stmt_loop" => PlpgsqlStatementKind.Loop,
            "PLpgSQL_stmt_while" => PlpgsqlStatementKind.While,
            "PLpgSQL_stmt_fori" => PlpgsqlStatementKind.ForInteger,
            "PLpgSQL_stmt_fors" => PlpgsqlStatementKind.ForQuery,
            "PLpgSQL_stmt_forc" => PlpgsqlStatementKind.ForCursor,
            "PLpgSQL_stmt_dynfors" => PlpgsqlStatementKind.ForDynamicQuery,
            "PLpgSQL_stmt_foreach_a" => PlpgsqlStatementKind.ForEachArray,
            "PLpgSQL_stmt_exit" => PlpgsqlStatementKind.Exit,
            "PLpgSQL_stmt_return" => PlpgsqlStatementKind.Return,
            "PLpgSQL_stmt_return_next" => PlpgsqlStatementKind.ReturnNext,
            "PLpgSQL_stmt_return_query" => PlpgsqlStatementKind.ReturnQuery,
            "PLpgSQL_stmt_raise" => PlpgsqlStatementKind.Raise,
            "PLpgSQL_stmt_assert" => PlpgsqlStatementKind.Assert,
            "PLpgSQL_stmt_execsql" => PlpgsqlStatementKind.ExecSql,
            "PLpgSQL_stmt_dynexecute" => PlpgsqlStatementKind.DynamicExecute,
            "PLpgSQL_stmt_perform" => PlpgsqlStatementKind.Perform,
            "PLpgSQL_stmt_call" => PlpgsqlStatementKind.Call,
            "PLpgSQL_stmt_getdiag" => PlpgsqlStatementKind.GetDiagnostics,
            "PLpgSQL_stmt_open" => PlpgsqlStatementKind.Open,
            "PLpgSQL_stmt_fetch" => PlpgsqlStatementKind.Fetch,
            "PLpgSQL_stmt_close" => PlpgsqlStatementKind.Close,
            "PLpgSQL_stmt_commit" => PlpgsqlStatementKind.Commit,
            "PLpgSQL_stmt_rollback" => PlpgsqlStatementKind.Rollback,
            _ => PlpgsqlStatementKind.Other,
        };
    }
}
