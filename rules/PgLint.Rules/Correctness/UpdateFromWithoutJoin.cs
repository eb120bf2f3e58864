using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6007: in <c>UPDATE t … FROM s</c> and <c>DELETE FROM t USING s</c>, the extra relation is
/// joined to the target only by the <c>WHERE</c> clause. Without a condition that ties a row of
/// <c>s</c> to a row of <c>t</c>, every target row joins every row of <c>s</c>: an UPDATE sets every
/// row (to a value from an arbitrary row of <c>s</c>), a DELETE removes every row as soon as <c>s</c>
/// has one. This is the classic "updated the whole table" accident.
/// </summary>
/// <remarks>
/// Reported only when it is certain: there is no <c>WHERE</c>, or the <c>WHERE</c> refers only to
/// qualified columns and none of them belongs to the target. An unqualified column could belong to
/// either side, so its presence keeps the rule silent.
/// </remarks>
public sealed class UpdateFromWithoutJoin : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6007",
        "update-from-without-join",
        "Join the extra relation of UPDATE … FROM and DELETE … USING to the target",
        "{0} {1} is not joined to {2} by the WHERE clause, so every row of {2} matches every row of {1} and the {3} affects the whole table; add the join condition.",
        RuleCategory.Correctness,
        Severity.Error,
        description: "An UPDATE … FROM or DELETE … USING whose extra relation is not joined to the target in WHERE touches every row of the target.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<UpdateStmt>(static c => Analyze(c, c.Node.Relation, c.Node.FromClause, c.Node.WhereClause, "FROM", "UPDATE"));
        context.RegisterNodeAction<DeleteStmt>(static c => Analyze(c, c.Node.Relation, c.Node.UsingClause, c.Node.WhereClause, "USING", "DELETE"));
    }

    private static void Analyze(StatementContext context, RangeVar target, IReadOnlyList<Node> extra, Node? where, string clause, string command)
    {
        if (extra.Count == 0)
        {
            return;
        }

        var targetName = QueryShape.Relations(target).Single().Name;
        if (where is not null)
        {
            var references = QueryShape.ColumnRefs(where).Where(static r => !r.IsStar()).ToList();
            if (references.Count > 0 && (references.Any(static r => r.Qualifier() is null) || references.Any(r => r.Qualifier() == targetName)))
            {
                return;
            }

            // A correlated subquery or function call could still tie the rows together without a qualified column.
            if (references.Count == 0 && where.DescendantsAndSelf().Any(static d => d.Node is SubLink))
            {
                return;
            }
        }

        var first = extra[0];
        var name = QueryShape.Relations(first.Unwrap()).FirstOrDefault()?.Name ?? "the extra relation";
        context.Report(Rule, context.GetSpan(first), clause, name, targetName, command);
    }
}
