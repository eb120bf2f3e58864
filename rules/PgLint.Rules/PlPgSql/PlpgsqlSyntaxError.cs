using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;

namespace PgLint.Rules.PlPgSql;

/// <summary>
/// PG8001: PostgreSQL compiles a PL/pgSQL body when the function is created (with the default
/// <c>check_function_bodies = on</c>) and when a <c>DO</c> block runs: a body that does not parse
/// fails the migration. The rest of the file is still linted.
/// </summary>
/// <remarks>
/// The error is placed on the line where the parser stopped (libpg_query gives no position inside a
/// body), on the token the message names when there is one.
/// </remarks>
public sealed class PlpgsqlSyntaxError : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG8001",
        "plpgsql-syntax-error",
        "Write PL/pgSQL bodies that parse",
        "The PL/pgSQL body of {0} does not parse: {1}.",
        RuleCategory.PlPgSql,
        Severity.Error,
        description: "A function, procedure or DO body in PL/pgSQL that PostgreSQL rejects.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Statement.Body is not { Error: { } error } body)
        {
            return;
        }

        var what = body.Kind == RoutineKind.DoBlock ? "the DO block"
            : $"{(body.Kind == RoutineKind.Procedure ? "procedure" : "function")} {Routines.Name(context.Root.CreateFunctionStmt)}";
        context.Report(Rule, error.Span, what, error.Message);
    }
}
