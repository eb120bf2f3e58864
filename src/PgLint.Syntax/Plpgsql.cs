using System.Collections.Immutable;
using System.Text.Json;
using PgQuery;

namespace PgLint.Syntax;

/// <summary>A PL/pgSQL statement's kind (libpg_query's <c>PLpgSQL_stmt_*</c>).</summary>
public enum PlpgsqlStatementKind
{
    /// <summary>A statement this model has no name for (see <see cref="PlpgsqlStatement.Json"/>).</summary>
    Other,

    /// <summary><c>[DECLARE …] BEGIN … [EXCEPTION …] END</c>.</summary>
    Block,

    /// <summary><c>target := expression</c>.</summary>
    Assign,

    /// <summary><c>IF … THEN … ELSIF … ELSE … END IF</c>.</summary>
    If,

    /// <summary><c>CASE … WHEN … END CASE</c>.</summary>
    Case,

    /// <summary><c>LOOP … END LOOP</c>.</summary>
    Loop,

    /// <summary><c>WHILE condition LOOP … END LOOP</c>.</summary>
    While,

    /// <summary><c>FOR i IN a..b LOOP</c>.</summary>
    ForInteger,

    /// <summary><c>FOR target IN query LOOP</c>.</summary>
    ForQuery,

    /// <summary><c>FOR record IN cursor LOOP</c>.</summary>
    ForCursor,

    /// <summary><c>FOR target IN EXECUTE string LOOP</c>.</summary>
    ForDynamicQuery,

    /// <summary><c>FOREACH target IN ARRAY expression LOOP</c>.</summary>
    ForEachArray,

    /// <summary><c>EXIT</c> or <c>CONTINUE</c>.</summary>
    Exit,

    /// <summary><c>RETURN [expression]</c>.</summary>
    Return,

    /// <summary><c>RETURN NEXT</c>.</summary>
    ReturnNext,

    /// <summary><c>RETURN QUERY [EXECUTE]</c>.</summary>
    ReturnQuery,

    /// <summary><c>RAISE</c>.</summary>
    Raise,

    /// <summary><c>ASSERT</c>.</summary>
    Assert,

    /// <summary>A SQL statement (<c>INSERT</c>, <c>UPDATE</c>, <c>SELECT … INTO</c>, DDL …).</summary>
    ExecSql,

    /// <summary><c>EXECUTE string [INTO …] [USING …]</c>.</summary>
    DynamicExecute,

    /// <summary><c>PERFORM query</c>.</summary>
    Perform,

    /// <summary><c>CALL</c> or <c>DO</c>.</summary>
    Call,

    /// <summary><c>GET [STACKED] DIAGNOSTICS</c>.</summary>
    GetDiagnostics,

    /// <summary><c>OPEN cursor</c>.</summary>
    Open,

    /// <summary><c>FETCH</c> or <c>MOVE</c>.</summary>
    Fetch,

    /// <summary><c>CLOSE cursor</c>.</summary>
    Close,

    /// <summary><c>COMMIT</c>.</summary>
    Commit,

    /// <summary><c>ROLLBACK</c>.</summary>
    Rollback,
}

/// <summary>A compiled PL/pgSQL body: its variables and its statement tree (from libpg_query's JSON).</summary>
public sealed class PlpgsqlFunction
{
    internal PlpgsqlFunction(JsonElement json, ImmutableArray<PlpgsqlVariable> variables, PlpgsqlStatement action)
    {
        Json = json;
        Variables = variables;
        Action = action;
        Statements = [.. action.DescendantsAndSelf()];
        Expressions = [.. variables.SelectMany(static v => v.Expressions).Concat(Statements.SelectMany(static s => s.AllExpressions))];
    }

    /// <summary>libpg_query's JSON of the function.</summary>
    public JsonElement Json { get; }

    /// <summary>Every variable (PL/pgSQL "datum"), indexed by its number: parameters, <c>found</c>, declarations, loop variables.</summary>
    public ImmutableArray<PlpgsqlVariable> Variables { get; }

    /// <summary>
    /// The outermost block: the body's own, or one PL/pgSQL wraps around it. When the body does not end
    /// in <c>RETURN</c>, it ends with a <c>RETURN</c> PL/pgSQL added (<see cref="PlpgsqlStatement.Line"/> 0).
    /// </summary>
    public PlpgsqlStatement Action { get; }

    /// <summary>Every statement, outermost first, in source order.</summary>
    public ImmutableArray<PlpgsqlStatement> Statements { get; }

    /// <summary>Every expression and embedded SQL statement (declarations' defaults first, then the statements').</summary>
    public ImmutableArray<PlpgsqlExpression> Expressions { get; }

    /// <summary>The variable with a number, or null.</summary>
    public PlpgsqlVariable? GetVariable(int number) => number >= 0 && number < Variables.Length ? Variables[number] : null;
}

/// <summary>A PL/pgSQL variable: a parameter, a declaration, a loop variable or an implicit one (<c>found</c>, <c>new</c>…).</summary>
public sealed class PlpgsqlVariable
{
    internal PlpgsqlVariable(int number, string kind, JsonElement json, string name, int line, string? typeName, bool isConstant, PlpgsqlExpression? defaultValue, PlpgsqlExpression? cursorQuery)
    {
        Number = number;
        Kind = kind;
        Json = json;
        Name = name;
        Line = line;
        TypeName = typeName;
        IsConstant = isConstant;
        Default = defaultValue;
        CursorQuery = cursorQuery;
    }

    /// <summary>Its number (<c>varno</c>).</summary>
    public int Number { get; }

    /// <summary><c>var</c>, <c>row</c>, <c>rec</c> or <c>recfield</c>.</summary>
    public string Kind { get; }

    /// <summary>libpg_query's JSON of the variable.</summary>
    public JsonElement Json { get; }

    /// <summary>Its name as PL/pgSQL folded it (lower case unless quoted).</summary>
    public string Name { get; }

    /// <summary>The body line it is declared on; 0 for parameters and implicit variables.</summary>
    public int Line { get; }

    /// <summary>The declared type as written (e.g. <c>int</c>, <c>text</c>, <c>record</c>), or null when unknown (parameters).</summary>
    public string? TypeName { get; }

    /// <summary>Declared <c>CONSTANT</c>.</summary>
    public bool IsConstant { get; }

    /// <summary>Its <c>DEFAULT</c> / <c>:=</c> value, or null.</summary>
    public PlpgsqlExpression? Default { get; }

    /// <summary>A bound cursor's query, or null.</summary>
    public PlpgsqlExpression? CursorQuery { get; }

    /// <summary>A parameter of the function (declared before PL/pgSQL's own <c>found</c>).</summary>
    public bool IsParameter { get; internal set; }

    /// <summary>Declared in a <c>DECLARE</c> section (not a parameter, loop variable, <c>SQLSTATE</c>/<c>SQLERRM</c> or implicit row).</summary>
    public bool IsDeclared { get; internal set; }

    internal IEnumerable<PlpgsqlExpression> Expressions => new[] { Default, CursorQuery }.OfType<PlpgsqlExpression>();

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Kind}, line {Line})";
}

/// <summary>A PL/pgSQL statement with its expressions and nested statements.</summary>
public sealed class PlpgsqlStatement
{
    internal PlpgsqlStatement(
        PlpgsqlStatementKind kind,
        string jsonKind,
        JsonElement json,
        int line,
        ImmutableArray<PlpgsqlExpression> expressions,
        ImmutableArray<PlpgsqlStatement> body,
        ImmutableArray<PlpgsqlBranch> branches,
        ImmutableArray<PlpgsqlStatement> elseBody,
        ImmutableArray<PlpgsqlExceptionHandler> handlers)
    {
        Kind = kind;
        JsonKind = jsonKind;
        Json = json;
        Line = line;
        Expressions = expressions;
        Body = body;
        Branches = branches;
        ElseBody = elseBody;
        Handlers = handlers;
    }

    /// <summary>What it is.</summary>
    public PlpgsqlStatementKind Kind { get; }

    /// <summary>libpg_query's name for it, e.g. <c>PLpgSQL_stmt_dynexecute</c>.</summary>
    public string JsonKind { get; }

    /// <summary>libpg_query's JSON of the statement (fields such as <c>into</c>, <c>varno</c>, <c>elog_level</c>).</summary>
    public JsonElement Json { get; }

    /// <summary>The body line it starts on (1-based); 0 for statements PL/pgSQL adds itself (the final RETURN, blocks).</summary>
    public int Line { get; }

    /// <summary>Its own expressions in source order (not those of nested statements).</summary>
    public ImmutableArray<PlpgsqlExpression> Expressions { get; }

    /// <summary>The statements of a block or loop, or the THEN part of an IF.</summary>
    public ImmutableArray<PlpgsqlStatement> Body { get; }

    /// <summary>The ELSIF branches of an IF, or the WHEN branches of a CASE.</summary>
    public ImmutableArray<PlpgsqlBranch> Branches { get; }

    /// <summary>The ELSE part of an IF or CASE (empty when there is none, or it only holds <c>NULL</c>).</summary>
    public ImmutableArray<PlpgsqlStatement> ElseBody { get; }

    /// <summary>A block's exception handlers.</summary>
    public ImmutableArray<PlpgsqlExceptionHandler> Handlers { get; }

    /// <summary>The block or loop label, or null.</summary>
    public string? Label => GetString("label");

    /// <summary>Every statement nested directly or indirectly, this one first, in source order.</summary>
    public IEnumerable<PlpgsqlStatement> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var descendant in child.DescendantsAndSelf())
            {
                yield return descendant;
            }
        }
    }

    /// <summary>The statements nested directly, in source order.</summary>
    public IEnumerable<PlpgsqlStatement> Children =>
        Body.Concat(Branches.SelectMany(static b => b.Body)).Concat(ElseBody).Concat(Handlers.SelectMany(static h => h.Body));

    /// <summary>The expression held in a JSON field (e.g. <c>cond</c>, <c>query</c>, <c>sqlstmt</c>, <c>expr</c>), or null.</summary>
    public PlpgsqlExpression? GetExpression(string field) => Expressions.FirstOrDefault(e => e.Field == field);

    /// <summary>An integer field (e.g. <c>varno</c>, <c>retvarno</c>, <c>elog_level</c>), or null.</summary>
    public int? GetInt(string field) => Json.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    /// <summary>A boolean field (e.g. <c>into</c>, <c>is_exit</c>, <c>strict</c>); false when absent.</summary>
    public bool GetBool(string field) => Json.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>A string field (e.g. <c>label</c>, <c>message</c>), or null.</summary>
    public string? GetString(string field) => Json.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal IEnumerable<PlpgsqlExpression> AllExpressions => Expressions.Concat(Branches.Select(static b => b.Condition).OfType<PlpgsqlExpression>());

    /// <inheritdoc />
    public override string ToString() => $"{Kind} (line {Line})";
}

/// <summary>An ELSIF branch of an IF, or a WHEN branch of a CASE.</summary>
/// <param name="Line">The body line of the branch.</param>
/// <param name="Condition">Its condition.</param>
/// <param name="Body">Its statements.</param>
public sealed record PlpgsqlBranch(int Line, PlpgsqlExpression? Condition, ImmutableArray<PlpgsqlStatement> Body);

/// <summary>A <c>WHEN condition [OR …] THEN statements</c> handler of a block.</summary>
/// <param name="Conditions">The condition names in lower case (<c>others</c>, <c>unique_violation</c>) or SQLSTATE codes.</param>
/// <param name="Body">Its statements (empty for <c>THEN NULL</c>).</param>
public sealed record PlpgsqlExceptionHandler(ImmutableArray<string> Conditions, ImmutableArray<PlpgsqlStatement> Body)
{
    /// <summary>True when it catches every error but query cancellation (<c>WHEN OTHERS</c>).</summary>
    public bool CatchesOthers => Conditions.Contains("others");
}

/// <summary>
/// A PL/pgSQL expression or embedded SQL statement, as PL/pgSQL holds it, with its place in the file
/// and its parse tree when both could be found.
/// </summary>
public sealed class PlpgsqlExpression
{
    internal PlpgsqlExpression(string field, string query, EmbeddedSqlKind kind, int line)
    {
        Field = field;
        Query = query;
        Kind = kind;
        Line = line;
    }

    /// <summary>The JSON field holding it (<c>cond</c>, <c>sqlstmt</c>, <c>query</c>, <c>params</c>, <c>expr</c> …).</summary>
    public string Field { get; }

    /// <summary>Its text as PL/pgSQL holds it (an <c>INTO</c> clause blanked out, <c>PERFORM</c> read as <c>SELECT</c>).</summary>
    public string Query { get; }

    /// <summary>Statement, expression, or assignment.</summary>
    public EmbeddedSqlKind Kind { get; }

    /// <summary>The body line of the statement it belongs to.</summary>
    public int Line { get; }

    /// <summary>
    /// True for text PL/pgSQL made up rather than read from the body: the tests of a simple
    /// <c>CASE x WHEN …</c> (<c>"__Case__Variable_n__" IN (…)</c>) and a bound cursor's portal name.
    /// Such expressions are never placed in the file.
    /// </summary>
    public bool IsGenerated => Query.StartsWith("\"__Case__Variable_", StringComparison.Ordinal)
        || (Field == "default_val" && Query.EndsWith("::pg_catalog.refcursor", StringComparison.Ordinal));

    /// <summary>Its span in the file, or null when it could not be placed.</summary>
    public TextSpan? Span { get; internal set; }

    /// <summary>Its parse tree with file locations (<see cref="SqlStatement.EmbeddedKind"/> says how it was parsed), or null.</summary>
    public SqlStatement? Sql { get; internal set; }

    /// <summary>
    /// The expression's tree for an expression or assignment (the single target of the <c>SELECT</c> it
    /// was parsed as), the statement's for a statement; null when not parsed.
    /// </summary>
    public Node? Value => Sql?.Root is not { } root ? null
        : Kind == EmbeddedSqlKind.Statement ? root
        : root.SelectStmt?.TargetList is [{ ResTarget.Val: { } value }] ? value : null;

    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Query}";
}
