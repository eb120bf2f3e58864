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
/// earlier in the same file (they hold only the rows the migration just put there) and an
/// <c>UPDATE</c> that only fills columns added earlier in the migration set (a backfill).
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
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static start =>
        {
            // Columns added earlier in the migration set: filling a new column for every row is what a backfill does.
            var added = new HashSet<(string Table, string Column)>();
            start.RegisterNodeAction<AlterTableCmd>(context =>
            {
                if (context.Node is { Subtype: AlterTableType.AtAddColumn, Def.ColumnDef.Colname: { } column }
                    && context.Routine is not { RunsAtDeploy: false }
                    && context.FindAncestor<AlterTableStmt>()?.Relation is { } table)
                {
                    added.Add((table.ToQualifiedName().ToString(), column));
                }
            });
            start.RegisterNodeAction<UpdateStmt>(context =>
            {
                var table = context.Node.Relation?.ToQualifiedName().ToString();
                var backfill = context.Routine is not { RunsAtDeploy: false } && context.Node.TargetList.Count > 0
                    && context.Node.TargetList.All(t => added.Contains((table ?? string.Empty, t.ResTarget?.Name ?? string.Empty)));
                if (!backfill)
                {
                    Analyze(context, context.Node.Relation, context.Node.WhereClause, "UPDATE", "changes");
                }
            });
            start.RegisterNodeAction<DeleteStmt>(static c => Analyze(c, c.Node.Relation, c.Node.WhereClause, "DELETE FROM", "deletes"));
        });

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
