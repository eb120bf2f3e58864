using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.PlPgSql;

/// <summary>
/// PG8004: <c>EXECUTE</c> of a constant string gains nothing from being dynamic: PostgreSQL parses
/// and plans it again on every run, and neither PostgreSQL (when the function is created) nor a
/// linter can check the SQL inside the string. Written as a plain statement, it is checked, planned
/// once, and linted.
/// </summary>
/// <remarks>
/// Not reported: strings that are not a single statement PL/pgSQL could run as is (cursor and
/// prepared-statement commands, transaction control, more than one statement, <c>EXPLAIN</c>, whose
/// rows a plain statement has nowhere to put, and <c>SELECT … INTO</c> a new table, which PL/pgSQL
/// would read as <c>INTO</c> a variable).
/// </remarks>
public sealed class UnnecessaryDynamicSql : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG8004",
        "unnecessary-dynamic-sql",
        "Write constant SQL as a statement, not as EXECUTE of a string",
        "EXECUTE of a constant string: as a plain statement it would be checked when the function is created, planned once, and linted.",
        RuleCategory.PlPgSql,
        Severity.Info,
        description: "EXECUTE of a constant string where static SQL would do.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Statement.Body is not { Plpgsql: { } function })
        {
            return;
        }

        foreach (var statement in function.Statements)
        {
            if (statement.Kind != PlpgsqlStatementKind.DynamicExecute
                || statement.GetExpression("query") is not { Value: { } value, Span: { } span }
                || Constant(value) is not { } sql
                || !CouldBeStatic(sql))
            {
                continue;
            }

            context.Report(Rule, span);
        }
    }

    private static string? Constant(Node node) => node switch
    {
        { AConst.Sval.Sval: { } text } => text,
        { AExpr: { Kind: A_Expr_Kind.AexprOp } concat } when concat.OperatorName() == "||"
            && Constant(concat.Lexpr) is { } left && Constant(concat.Rexpr) is { } right => left + right,
        _ => null,
    };

    private static bool CouldBeStatic(string sql)
    {
        var parsed = SqlParser.ParseText(sql, out _);
        return parsed is { Stmts: [{ Stmt: { } root }] }
            && root.NodeCase is not (Node.NodeOneofCase.TransactionStmt or Node.NodeOneofCase.ClosePortalStmt
                or Node.NodeOneofCase.FetchStmt or Node.NodeOneofCase.DeclareCursorStmt or Node.NodeOneofCase.ExecuteStmt
                or Node.NodeOneofCase.PrepareStmt or Node.NodeOneofCase.DeallocateStmt or Node.NodeOneofCase.DoStmt
                or Node.NodeOneofCase.VacuumStmt or Node.NodeOneofCase.CreatedbStmt or Node.NodeOneofCase.DropdbStmt
                or Node.NodeOneofCase.ExplainStmt)
            && root.IndexStmt is not { Concurrent: true }
            && !root.DescendantsAndSelf().Any(static d => d.Node is SelectStmt { IntoClause: not null });
    }
}
