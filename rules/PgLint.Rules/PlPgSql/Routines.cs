using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.PlPgSql;

/// <summary>What the routine rules read from <c>CREATE FUNCTION</c> / <c>CREATE PROCEDURE</c> and their bodies.</summary>
internal static class Routines
{
    /// <summary>An option of the routine (<c>security</c>, <c>volatility</c>, <c>language</c> …), or null.</summary>
    public static DefElem? Option(CreateFunctionStmt function, string name) =>
        function.Options.Select(static o => o.DefElem).FirstOrDefault(d => d?.Defname == name);

    /// <summary>Declared <c>SECURITY DEFINER</c>.</summary>
    public static bool IsSecurityDefiner(CreateFunctionStmt function) =>
        Option(function, "security")?.Arg is { } arg && (arg.Boolean?.Boolval == true || arg.Integer?.Ival == 1);

    /// <summary>The routine's <c>SET search_path …</c> clause, or null.</summary>
    public static VariableSetStmt? SearchPath(CreateFunctionStmt function) =>
        function.Options.Select(static o => o.DefElem).Where(static d => d?.Defname == "set")
            .Select(static d => d!.Arg?.VariableSetStmt).FirstOrDefault(static v => v?.Name == "search_path");

    /// <summary><c>immutable</c>, <c>stable</c> or <c>volatile</c> (the default).</summary>
    public static string Volatility(CreateFunctionStmt function) =>
        Option(function, "volatility")?.Arg?.String?.Sval ?? "volatile";

    /// <summary>The language in lower case, or an empty string.</summary>
    public static string Language(CreateFunctionStmt function) =>
        Option(function, "language")?.Arg?.String?.Sval?.ToLowerInvariant() ?? (function.SqlBody is null ? string.Empty : "sql");

    /// <summary>The last part of the return type's name (<c>void</c>, <c>trigger</c>, <c>int4</c> …), or null for a procedure.</summary>
    public static string? ReturnTypeName(CreateFunctionStmt function) =>
        function.ReturnType?.Names.LastOrDefault()?.String?.Sval;

    /// <summary>The routine's name as written, e.g. <c>app.reset_balances</c>.</summary>
    public static string Name(CreateFunctionStmt function) =>
        function.Funcname.ToQualifiedName().ToString();

    /// <summary>The span of the routine's name (the statement's when it cannot be found).</summary>
    public static TextSpan NameSpan(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        var keyword = -1;
        for (var i = 0; i < tokens.Length && keyword < 0; i++)
        {
            if (tokens[i].Kind is Token.Function or Token.Procedure)
            {
                keyword = i;
            }
        }

        var first = keyword + 1;
        var last = first;
        while (last + 1 < tokens.Length && tokens[last + 1].Kind != Token.Ascii40)
        {
            last++;
        }

        return keyword < 0 || first >= tokens.Length
            ? statement.Span
            : statement.Source.GetSpanFromBytes(tokens[first].ByteStart, tokens[last].ByteEnd);
    }

    /// <summary>The span from the token at a location to the end of the token after it (<c>SECURITY DEFINER</c>).</summary>
    public static TextSpan TwoTokenSpan(SqlStatement statement, int location)
    {
        var index = statement.FindTokenIndex(statement.GetFileByteOffset(location));
        if (index < 0)
        {
            return statement.GetTokenSpan(location);
        }

        var last = Math.Min(index + 1, statement.Tokens.Length - 1);
        return statement.Source.GetSpanFromBytes(statement.Tokens[index].ByteStart, statement.Tokens[last].ByteEnd);
    }

    /// <summary>The name of the routine an <c>ALTER FUNCTION/PROCEDURE … SET search_path</c> gives a search_path, or null.</summary>
    public static string? SearchPathSetBy(AlterFunctionStmt alter) =>
        alter.Actions.Any(static a => a.DefElem is { Defname: "set", Arg.VariableSetStmt.Name: "search_path" })
            ? alter.Func?.Objname.ToQualifiedName().Name
            : null;

    /// <summary>
    /// Tracks routines created in a file so that a later <c>ALTER FUNCTION … SET search_path</c> in the
    /// same file settles them; the rest are reported when the file ends.
    /// </summary>
    public static void ReportUnlessSearchPathSetLater(DocumentStartContext start, Func<StatementContext, (string Name, Action<DocumentContext> Report)?> candidate)
    {
        var pending = new List<(string Name, Action<DocumentContext> Report)>();
        start.RegisterStatementAction(context =>
        {
            if (context.Root.AlterFunctionStmt is { } alter && SearchPathSetBy(alter) is { } name)
            {
                pending.RemoveAll(p => p.Name == name);
            }
            else if (candidate(context) is { } found)
            {
                pending.Add(found);
            }
        });
        start.RegisterDocumentEndAction(context =>
        {
            foreach (var (_, report) in pending)
            {
                report(context);
            }
        });
    }
}
