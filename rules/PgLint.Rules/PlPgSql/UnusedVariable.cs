using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.PlPgSql;

/// <summary>
/// PG8003: a variable that is declared but never read is dead code at best; more often it is the
/// trace of a value that was meant to be used (a count never checked, a result never returned).
/// </summary>
/// <remarks>
/// A variable counts as read when any expression or SQL statement of the body names it (alone or as
/// <c>var.field</c>), or when <c>RETURN NEXT</c>, <c>OPEN</c>, <c>FETCH</c>, <c>CLOSE</c> or a cursor
/// <c>FOR</c> loop uses it. <c>RETURN NEXT var</c> and <c>RETURN var</c> of a lone variable carry no
/// expression in the parse tree, so the names on their line count as read. Being only assigned
/// (<c>:=</c>, <c>INTO</c>) is not reading. Not reported: parameters, loop variables, the variables
/// PL/pgSQL makes up for a simple <c>CASE x WHEN …</c>, and bodies where some expression could not be
/// parsed (the rule would not see every use).
/// </remarks>
public sealed class UnusedVariable : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG8003",
        "unused-variable",
        "Remove variables that are never read",
        "Variable {0} is declared but never read.",
        RuleCategory.PlPgSql,
        Severity.Info,
        description: "A declared PL/pgSQL variable that nothing reads.");

    private static readonly string[] ReadingFields = ["retvarno", "curvar"];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Statement.Body is not { Plpgsql: { } function } body
            || function.Expressions.Any(static e => e.Value is null && !e.IsGenerated))
        {
            return;
        }

        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expression in function.Expressions.Where(static e => e.Value is not null))
        {
            foreach (var (node, _) in expression.Value!.DescendantsAndSelf())
            {
                if (node is ColumnRef column)
                {
                    foreach (var field in column.Fields)
                    {
                        if (field.String?.Sval is { } name)
                        {
                            read.Add(name);
                        }
                    }
                }
            }
        }

        // RETURN NEXT var; and RETURN var; keep the variable's number out of the tree: read their line.
        foreach (var statement in function.Statements)
        {
            if (statement.Kind is PlpgsqlStatementKind.ReturnNext or PlpgsqlStatementKind.Return
                && statement.Expressions.IsEmpty
                && statement.Line > 0)
            {
                foreach (var token in body.GetTokensOnLine(statement.Line))
                {
                    read.Add(body.GetTokenText(token).Trim('"').ToLowerInvariant());
                }
            }
        }

        var readNumbers = function.Statements
            .SelectMany(static s => ReadingFields.Select(f => s.GetInt(f)))
            .OfType<int>()
            .ToHashSet();

        foreach (var variable in function.Variables)
        {
            if (!variable.IsDeclared
                || read.Contains(variable.Name)
                || read.Contains(variable.Name.ToLowerInvariant())
                || readNumbers.Contains(variable.Number)
                || variable.Name.StartsWith("__Case__Variable_", StringComparison.Ordinal))
            {
                continue;
            }

            var span = body.GetTokensOnLine(variable.Line)
                .Where(t => body.GetTokenText(t).Trim('"').Equals(variable.Name, StringComparison.OrdinalIgnoreCase))
                .Select(t => context.Statement.Source.GetSpanFromBytes(t.ByteStart, t.ByteEnd))
                .DefaultIfEmpty(body.GetLineSpan(variable.Line))
                .First();
            context.Report(Rule, span, variable.Name);
        }
    }
}
