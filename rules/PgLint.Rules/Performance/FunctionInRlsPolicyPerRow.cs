using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2018: a row-level security policy's <c>USING</c> and <c>WITH CHECK</c> expressions are added to
/// every query on the table and evaluated for each row they check. A call such as
/// <c>current_setting('app.tenant_id')</c> or <c>auth.uid()</c> returns the same value for the whole
/// statement, yet written bare it runs once per row, which on large tables
/// dominates the query's time. Wrapped in a scalar subquery, <c>(SELECT auth.uid())</c>, PostgreSQL
/// runs it once as an initPlan and compares every row with the result.
/// </summary>
/// <remarks>
/// Reported: calls without column arguments that are not already inside a subquery, of
/// <c>current_setting</c>, of schema-qualified functions outside <c>pg_catalog</c>, and of
/// functions the catalog knows. Other built-in functions (<c>now()</c>) are left alone.
/// </remarks>
public sealed class FunctionInRlsPolicyPerRow : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2018",
        "function-in-rls-policy-per-row",
        "Wrap row-independent calls in RLS policies in a scalar subquery",
        "{0} in policy {1} returns the same value for the whole statement but is evaluated for every row the policy checks; write (SELECT {0}) so it runs once.",
        RuleCategory.Performance,
        Severity.Warning,
        description: "Row-independent calls in a policy expression run once per row; (SELECT f()) makes PostgreSQL evaluate them once per statement.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<CreatePolicyStmt>(static c => Check(c, c.Node.PolicyName, c.Node.Qual, c.Node.WithCheck));
        context.RegisterNodeAction<AlterPolicyStmt>(static c => Check(c, c.Node.PolicyName, c.Node.Qual, c.Node.WithCheck));
    }

    private static void Check(StatementContext context, string policy, params Node?[] expressions)
    {
        foreach (var expression in expressions.OfType<Node>())
        {
            foreach (var call in RowIndependentCalls(context, expression))
            {
                context.Report(Rule, context.GetSpan(call), QueryShape.TextOf(context, call), QualifiedName.Quote(policy));
            }
        }
    }

    /// <summary>The calls outside subqueries that take no column, shallowest first.</summary>
    private static IEnumerable<FuncCall> RowIndependentCalls(StatementContext context, Node expression)
    {
        var pending = new Stack<Google.Protobuf.IMessage>();
        pending.Push(expression.Unwrap()!);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is SubLink)
            {
                continue;
            }

            if (node is FuncCall call && !QueryShape.ColumnRefs(call).Any() && IsRowIndependent(context, call))
            {
                yield return call;
                continue;
            }

            Ast.ForEachChild(node, (child, _) => pending.Push(child));
        }
    }

    private static bool IsRowIndependent(StatementContext context, FuncCall call)
    {
        var name = call.Funcname.ToQualifiedName();
        return name.Schema is null
            ? name.Name == "current_setting" || context.Catalog.FindFunctions(name).Any()
            : name.Schema != "pg_catalog";
    }
}
