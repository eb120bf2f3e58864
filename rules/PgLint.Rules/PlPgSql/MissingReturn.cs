using System.Collections.Immutable;
using System.Text.RegularExpressions;
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
/// <c>RAISE EXCEPTION</c>, a <c>PERFORM</c> or assignment that divides by the constant 0 (it always raises), an <c>IF</c> or <c>CASE</c> whose every branch ends, a block whose body and
/// every handler end, or a <c>LOOP</c> nothing exits. In a trigger function, <c>IF TG_OP = …</c>
/// tests whose branches end count as ending the path once they cover <c>INSERT</c>, <c>UPDATE</c> and
/// <c>DELETE</c>: a row trigger fires for no other operation, so the end is not reached.
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

        if (!CanFallThrough(body, trigger: Routines.ReturnTypeName(create) == "trigger"))
        {
            return;
        }

        context.Report(Rule, Routines.NameSpan(context.Statement), Routines.Name(create));
    }

    private static readonly string[] RowOperations = ["DELETE", "INSERT", "UPDATE"];

    private static bool CanFallThrough(ImmutableArray<PlpgsqlStatement> statements, bool trigger = false)
    {
        var handled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in statements)
        {
            if (Ends(statement, trigger))
            {
                return false;
            }

            if (!trigger || statement.Kind != PlpgsqlStatementKind.If)
            {
                continue;
            }

            // IF TG_OP = 'INSERT' THEN … RETURN NEW; END IF; IF TG_OP = 'UPDATE' … : which operations have returned.
            foreach (var (condition, body) in statement.Branches.Select(static b => (b.Condition, b.Body)).Prepend((statement.GetExpression("cond"), statement.Body)))
            {
                if (Operations(condition) is { } operations && !CanFallThrough(body, trigger))
                {
                    handled.UnionWith(operations);
                }
            }

            if (RowOperations.All(handled.Contains))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The operations a condition such as <c>TG_OP = 'INSERT' OR TG_OP = 'UPDATE'</c> or <c>TG_OP IN ('INSERT', 'UPDATE')</c> selects, or null.</summary>
    private static string[]? Operations(PlpgsqlExpression? condition)
    {
        if (condition is null)
        {
            return null;
        }

        var operations = new List<string>();
        foreach (var part in Regex.Split(condition.Query.Trim(), @"\s+or\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
        {
            var match = Regex.Match(part.Trim().Trim('(', ')').Trim(), @"^tg_op\s*(?:=\s*'(?<op>\w+)'|in\s*\((?<list>[^)]*)\))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            if (!match.Success)
            {
                return null;
            }

            var values = match.Groups["op"].Success
                ? [match.Groups["op"].Value]
                : match.Groups["list"].Value.Split(',').Select(static v => v.Trim().Trim('\'')).ToArray();
            operations.AddRange(values.Select(static v => v.ToUpperInvariant()));
        }

        return [.. operations];
    }

    /// <summary>True when control never goes on after the statement.</summary>
    private static bool Ends(PlpgsqlStatement statement, bool trigger = false) => statement.Kind switch
    {
        PlpgsqlStatementKind.Return => true,
        PlpgsqlStatementKind.Raise => (statement.GetInt("elog_level") ?? ErrorLevel) >= ErrorLevel,
        PlpgsqlStatementKind.Perform or PlpgsqlStatementKind.Assign => statement.Expressions.Any(static e => e.Value is { } value && DividesByZero(value)),
        PlpgsqlStatementKind.If => !CanFallThrough(statement.Body, trigger)
            && statement.Branches.All(b => !CanFallThrough(b.Body, trigger))
            && !statement.ElseBody.IsEmpty && !CanFallThrough(statement.ElseBody, trigger),
        PlpgsqlStatementKind.Case => statement.Branches.All(b => !CanFallThrough(b.Body, trigger))
            && (!statement.GetBool("have_else") || (!statement.ElseBody.IsEmpty && !CanFallThrough(statement.ElseBody, trigger))),
        PlpgsqlStatementKind.Block => !CanFallThrough(statement.Body, trigger)
            && statement.Handlers.All(h => !CanFallThrough(h.Body, trigger)),
        PlpgsqlStatementKind.Loop => !Exits(statement.Body, statement.Label, nested: false),
        _ => false,
    };

    /// <summary>True when the expression divides by the literal 0, which raises division_by_zero whatever the other operand.</summary>
    private static bool DividesByZero(Node expression) =>
        expression.DescendantsAndSelf().Any(static d => d.Node is A_Expr { Kind: A_Expr_Kind.AexprOp } division
            && division.OperatorName() is "/" or "%"
            && division.Rexpr?.AConst is { } zero
            && (zero.Ival is { Ival: 0 } && zero.ValCase == A_Const.ValOneofCase.Ival));

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
