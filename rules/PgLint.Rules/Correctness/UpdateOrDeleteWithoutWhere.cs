using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Correctness;

/// <summary>
/// PG6003: an <c>UPDATE</c> or <c>DELETE</c> without <c>WHERE</c> changes every row of the table. In a
/// data migration that is sometimes the point, but a forgotten condition is the classic way to
/// overwrite or lose a whole table, and inside a function it happens on every call.
/// </summary>
/// <remarks>
/// Not reported: <c>WHERE CURRENT OF</c> (a condition), and, outside function bodies, tables created
/// earlier in the same file or transaction (they hold only the rows the migration just put there).
/// </remarks>
public sealed class UpdateOrDeleteWithoutWhere : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG6003",
        "update-or-delete-without-where",
        "Give UPDATE and DELETE a WHERE clause",
        "{0} {1} has no WHERE clause, so it {2} every row of the table.",
        RuleCategory.Correctness,
        Severity.Warning,
        description: "UPDATE or DELETE without WHERE affects every row of the table.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<UpdateStmt>(static c => Analyze(c, c.Node.Relation, c.Node.WhereClause, "UPDATE", "changes"));
        context.RegisterNodeAction<DeleteStmt>(static c => Analyze(c, c.Node.Relation, c.Node.WhereClause, "DELETE FROM", "deletes"));
    }

    private static void Analyze<TNode>(NodeContext<TNode> context, RangeVar? relation, Node? where, string verb, string effect)
        where TNode : class, Google.Protobuf.IMessage
    {
        if (where is not null || relation is null)
        {
            return;
        }

        var inFunction = context.Routine is { RunsAtDeploy: false };
        if (!inFunction && context.Migration.IsNew(context.Catalog.FindTable(relation.ToQualifiedName())))
        {
            return;
        }

        var span = context.Parent is null ? context.Statement.Span : context.GetSpan(relation.Location);
        context.Report(Rule, span, verb, relation.ToQualifiedName().ToString(), effect);
    }
}
