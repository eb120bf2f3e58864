using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;

namespace PgLint.Rules.PlPgSql;

/// <summary>
/// PG8002: <c>EXCEPTION WHEN OTHERS THEN NULL</c> catches every error (a failed constraint, a
/// deadlock, a typo in a column name), rolls back what the block did and carries on as if it had
/// worked: the caller never learns, and the data silently misses the change.
/// </summary>
/// <remarks>
/// Not reported: handlers for named conditions (<c>WHEN unique_violation THEN NULL</c> is a deliberate
/// "ignore this one case"), and <c>WHEN OTHERS</c> handlers that do something (log, re-raise, return).
/// </remarks>
public sealed class SwallowedException : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG8002",
        "swallowed-exception",
        "Do not swallow every error with WHEN OTHERS THEN NULL",
        "WHEN OTHERS THEN NULL in {0} discards every error: the block's changes are rolled back and the caller is never told.",
        RuleCategory.PlPgSql,
        Severity.Warning,
        description: "An exception handler that catches OTHERS and does nothing.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Statement.Body is not { Plpgsql: { } function } body)
        {
            return;
        }

        var handlers = new List<(PlpgsqlExceptionHandler Handler, int Line)>();
        Collect(function.Action, handlers);
        if (!handlers.Exists(static h => h.Handler.CatchesOthers && h.Handler.Body.IsEmpty))
        {
            return;
        }

        // Handlers carry no line; the n-th WHEN … OTHERS in the text is the n-th OTHERS handler in source order.
        var othersTokens = new List<SqlToken>();
        for (var i = 0; i < body.Tokens.Length; i++)
        {
            if (!body.Tokens[i].IsComment && body.GetTokenText(body.Tokens[i]).Equals("others", StringComparison.OrdinalIgnoreCase)
                && PreviousWord(body, i) is "when" or "or")
            {
                othersTokens.Add(body.Tokens[i]);
            }
        }

        var others = handlers.Where(static h => h.Handler.CatchesOthers).ToList();
        var what = body.Kind == RoutineKind.DoBlock ? "the DO block" : Routines.Name(context.Root.CreateFunctionStmt);
        for (var n = 0; n < others.Count; n++)
        {
            if (!others[n].Handler.Body.IsEmpty)
            {
                continue;
            }

            var span = othersTokens.Count == others.Count
                ? context.Statement.Source.GetSpanFromBytes(othersTokens[n].ByteStart, othersTokens[n].ByteEnd)
                : body.GetLineSpan(others[n].Line);
            context.Report(Rule, span, what);
        }
    }

    private static string? PreviousWord(RoutineBody body, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (!body.Tokens[i].IsComment)
            {
                return body.GetTokenText(body.Tokens[i]).ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>Handlers in source order: a block's come after its statements, before their own nested ones.</summary>
    private static void Collect(PlpgsqlStatement statement, List<(PlpgsqlExceptionHandler, int)> handlers)
    {
        foreach (var child in statement.Body.Concat(statement.Branches.SelectMany(static b => b.Body)).Concat(statement.ElseBody))
        {
            Collect(child, handlers);
        }

        foreach (var handler in statement.Handlers)
        {
            handlers.Add((handler, statement.Line));
            foreach (var child in handler.Body)
            {
                Collect(child, handlers);
            }
        }
    }
}
