using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2017: <c>DELETE FROM jobs WHERE id IN (SELECT id FROM jobs … LIMIT 10 FOR UPDATE SKIP LOCKED)</c>
/// is the usual shape of a queue consumer, and it can act on more rows than the <c>LIMIT</c>: the
/// planner may run the subquery as the inner side of a join and re-evaluate it, and under <c>READ
/// COMMITTED</c> a concurrently updated row is re-checked, so a second evaluation can lock and return
/// other rows. Locking the batch in a <c>MATERIALIZED</c> CTE and joining to it evaluates the limited
/// subquery exactly once.
/// </summary>
/// <remarks>Reported inside <c>UPDATE</c> and <c>DELETE</c> only, for subqueries with both a row lock and a <c>LIMIT</c>.</remarks>
public sealed class LockingSubqueryWithLimit : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2017",
        "locking-subquery-with-limit",
        "Lock a limited batch in a MATERIALIZED CTE, not in an IN subquery",
        "A LIMIT … FOR UPDATE subquery inside {0} can be evaluated more than once, so the statement may lock and change more rows than the LIMIT; select the batch in a WITH … AS MATERIALIZED CTE and join to it.",
        RuleCategory.Performance,
        Severity.Warning,
        description: "A subquery with LIMIT and FOR UPDATE in an UPDATE/DELETE condition may be re-evaluated and act on more rows than the limit; a MATERIALIZED CTE evaluates it once.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SubLink>(Analyze);

    private static void Analyze(NodeContext<SubLink> context)
    {
        if (context.Node.Subselect?.SelectStmt is not { LimitCount: not null, LockingClause.Count: > 0 })
        {
            return;
        }

        var command = context.Ancestors.Select(static a => a.Node).LastOrDefault(static n => n is UpdateStmt or DeleteStmt or SelectStmt);
        var name = command switch
        {
            UpdateStmt => "UPDATE",
            DeleteStmt => "DELETE",
            _ => null,
        };
        if (name is not null)
        {
            context.Report(Rule, QueryShape.SubquerySpan(context, context.Node.Subselect), name);
        }
    }
}
