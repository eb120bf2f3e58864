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

    private static void Analyze<TNode>(NodeContext<TNode> context, RangeVar target, IReadOnlyList<Node> extra, Node? where, string clause, string command)
        where TNode : class, Google.Protobuf.IMessage
    {
        if (extra.Count == 0)
        {
            return;
        }

        var targetName = QueryShape.Relations(target).Single().Name;
        var ancestors = context.Ancestors.Append(new AstAncestor(context.Node, "from_clause")).ToList();
        var entries = QueryShape.Relations(extra).ToList();
        if (entries.Any(e => e.Name == targetName || IsCorrelatedOrSingleRow(e, targetName, ancestors)))
        {
            return;
        }

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
        if (first.Unwrap() is null)
        {
            return;
        }

        var name = QueryShape.Relations(first.Unwrap()).FirstOrDefault()?.Name ?? "the extra relation";
        context.Report(Rule, context.GetSpan(first.Unwrap()!), clause, name, targetName, command);
    }

    /// <summary>A LATERAL item that refers to the target is joined by that reference; a one-row relation cannot multiply rows.</summary>
    private static bool IsCorrelatedOrSingleRow(RangeEntry entry, string? targetName, IReadOnlyList<AstAncestor> ancestors)
    {
        var query = entry.Item switch
        {
            RangeSubselect subquery => subquery.Subquery?.SelectStmt,
            RangeVar { Schemaname.Length: 0 } relation => QueryShape.FindCteQuery(ancestors, relation.Relname),
            _ => null,
        };
        if (QueryShape.ReturnsOneRow(query))
        {
            return true;
        }

        return entry.Item is RangeSubselect or RangeFunction
            && QueryShape.ColumnRefs(entry.Item).Any(r => r.Qualifier() is null || r.Qualifier() == targetName);
    }
}
