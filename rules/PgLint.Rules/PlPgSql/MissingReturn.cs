using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.PlPgSql;

/// <summary>
/// PG8006: a PL/pgSQL function that returns a value must end in <c>RETURN</c>; when control reaches the
/// final <c>END</c> instead, the call fails with "control reached end of function without RETURN".
/// PostgreSQL does not check this when the function is created, only when a call gets there.
/// </summary>
/// <remarks>
/// Not reported: procedures, and functions returning <c>void</c>, <c>SETOF</c>, a table or through
/// <c>OUT</c> parameters (PL/pgSQL returns for them). A path counts as ended by <c>RETURN</c>,
/// <c>RAISE EXCEPTION</c>, an <c>IF</c> or <c>CASE</c> whose every branch ends, a block whose body and
/// every handler end, or a <c>LOOP</c> nothing exits.
/// </remarks>
public sealed class MissingReturn : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG8006",
        "missing-return",
        "End every path of a value-returning function with RETURN",
        "Function {0} can reach the end of its body without RETURN, and such a call fails with \"control reached end of function without RETURN\".",
        RuleCategory.PlPgSql,
        Severity.Warning,
        description: "A non-void PL/pgSQL function whose body can end without RETURN.");

    private const int ErrorLevel = 21;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Statement.Body is not { Kind: RoutineKind.Function, Plpgsql: { } function }
            || context.Root.CreateFunctionStmt is not { ReturnType.Setof: false } create
            || Routines.ReturnTypeName(create) is null or "void" or "event_trigger"
            || create.Parameters.Any(static p => p.FunctionParameter?.Mode is FunctionParameterMode.FuncParamOut
                or FunctionParameterMode.FuncParamInout or FunctionParameterMode.FuncParamTable))
        {
            return;
        }

        // The RETURN PL/pgSQL appends (line 0) is not the author's: without it, can the body run off its end?
        var body = function.Action.Body;
        while (body is [.., { Kind: PlpgsqlStatementKind.Return, Line: 0 }])
        {
            body = body.RemoveAt(body.Length - 1);
        }

        if (!CanFallThrough(body))
        {
            return;
        }

        context.Report(Rule, Routines.NameSpan(context.Statement), Routines.Name(create));
    }

    private static bool CanFallThrough(ImmutableArray<PlpgsqlStatement> statements) =>
        statements.All(static s => !Ends(s));

    /// <summary>True when control never goes on after the statement.</summary>
    private static bool Ends(PlpgsqlStatement statement) => statement.Kind switch
    {
        PlpgsqlStatementKind.Return => true,
        PlpgsqlStatementKind.Raise => (statement.GetInt("elog_level") ?? ErrorLevel) >= ErrorLevel,
        PlpgsqlStatementKind.If => !CanFallThrough(statement.Body)
            && statement.Branches.All(static b => !CanFallThrough(b.Body))
            && !statement.ElseBody.IsEmpty && !CanFallThrough(statement.ElseBody),
        PlpgsqlStatementKind.Case => statement.Branches.All(static b => !CanFallThrough(b.Body))
            && (!statement.GetBool("have_else") || (!statement.ElseBody.IsEmpty && !CanFallThrough(statement.ElseBody))),
        PlpgsqlStatementKind.Block => !CanFallThrough(statement.Body)
            && statement.Handlers.All(static h => !CanFallThrough(h.Body)),
        PlpgsqlStatementKind.Loop => !Exits(statement.Body, statement.Label, nested: false),
        _ => false,
    };

    /// <summary>True when an EXIT in the statements leaves the loop (labelled EXITs leave it too, whatever their target).</summary>
    private static bool Exits(IEnumerable<PlpgsqlStatement> statements, string? label, bool nested)
    {
        foreach (var statement in statements)
        {
            if (statement.Kind == PlpgsqlStatementKind.Exit && statement.GetBool("is_exit")
                && (!nested || statement.GetString("label") is not null))
            {
                return true;
            }

            var isLoop = statement.Kind is PlpgsqlStatementKind.Loop or PlpgsqlStatementKind.While or PlpgsqlStatementKind.ForInteger
                or PlpgsqlStatementKind.ForQuery or PlpgsqlStatementKind.ForCursor or PlpgsqlStatementKind.ForDynamicQuery
                or PlpgsqlStatementKind.ForEachArray;
            if (Exits(statement.Children, label, nested || isLoop))
            {
                return true;
            }
        }

        return false;
    }
}
