using System.Collections.Immutable;
using System.Text.Json;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.PlPgSql;

/// <summary>
/// PG8005: a <c>FOR … IN query LOOP</c> whose body only runs DML with the loop variable executes one
/// statement per row: thousands of round trips through the executor where one
/// <c>UPDATE … FROM (query)</c> or <c>INSERT … SELECT</c> does the same work in a single pass.
/// </summary>
/// <remarks>
/// Reported only when the loop body consists of <c>INSERT</c>/<c>UPDATE</c>/<c>DELETE</c> statements and
/// at least one uses the loop variable: loops that also decide, call, raise or assign per row have a
/// reason to be loops.
/// </remarks>
public sealed class RowByRowDml : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG8005",
        "row-by-row-dml",
        "Replace loops of single-row DML with one set-based statement",
        "This {0} runs once for every row of the FOR loop's query; one set-based statement over that query does the same work in a single pass.",
        RuleCategory.PlPgSql,
        Severity.Info,
        description: "DML inside a FOR loop over a query, where a set-based statement would do.");

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

        foreach (var loop in function.Statements)
        {
            if (loop.Kind is not (PlpgsqlStatementKind.ForQuery or PlpgsqlStatementKind.ForCursor or PlpgsqlStatementKind.ForDynamicQuery)
                || loop.Body.IsEmpty
                || !loop.Body.All(static s => s.Kind == PlpgsqlStatementKind.ExecSql && Verb(s) is not null))
            {
                continue;
            }

            var names = LoopVariableNames(loop);
            var first = loop.Body.FirstOrDefault(s => UsesAny(s, names));
            if (first?.Expressions[0] is { Span: { } span })
            {
                context.Report(Rule, span, Verb(first));
            }
        }
    }

    private static string? Verb(PlpgsqlStatement statement) => statement.Expressions.FirstOrDefault()?.Value?.NodeCase switch
    {
        Node.NodeOneofCase.InsertStmt => "INSERT",
        Node.NodeOneofCase.UpdateStmt => "UPDATE",
        Node.NodeOneofCase.DeleteStmt => "DELETE",
        Node.NodeOneofCase.MergeStmt => "MERGE",
        _ => null,
    };

    private static HashSet<string> LoopVariableNames(PlpgsqlStatement loop)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (loop.Json.TryGetProperty("var", out var wrapper) && wrapper.ValueKind == JsonValueKind.Object
            && wrapper.EnumerateObject().FirstOrDefault().Value is { ValueKind: JsonValueKind.Object } variable)
        {
            if (variable.TryGetProperty("refname", out var name) && name.GetString() is { } text && text != "(unnamed row)")
            {
                names.Add(text);
            }

            if (variable.TryGetProperty("fields", out var fields))
            {
                foreach (var field in fields.EnumerateArray())
                {
                    if (field.TryGetProperty("name", out var fieldName) && fieldName.GetString() is { } fieldText)
                    {
                        names.Add(fieldText);
                    }
                }
            }
        }

        return names;
    }

    private static bool UsesAny(PlpgsqlStatement statement, HashSet<string> names) =>
        statement.Expressions.FirstOrDefault()?.Value is { } value
        && value.DescendantsAndSelf().Any(n => n.Node is ColumnRef { Fields: [{ String.Sval: { } first }, ..] } && names.Contains(first));
}
