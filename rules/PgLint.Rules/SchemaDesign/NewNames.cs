using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.SchemaDesign;

/// <summary>The names that statements give new tables, views and columns, checked one way by a naming rule.</summary>
internal static class NewNames
{
    /// <summary>
    /// Reports <paramref name="rule"/> at the name of each new table, view and column for which
    /// <paramref name="describe"/> returns the message's arguments (null: the name is fine).
    /// </summary>
    public static void Register(AnalysisContext context, DiagnosticDescriptor rule, Func<string, object?[]?> describe)
    {
        context.RegisterNodeAction<CreateStmt>(c => CheckRelation(c, rule, describe, c.Node.Relation));
        context.RegisterNodeAction<ViewStmt>(c => CheckRelation(c, rule, describe, c.Node.View));
        context.RegisterNodeAction<ColumnDef>(c =>
        {
            if (ColumnTypes.IsNewColumn(c) && describe(c.Node.Colname) is { } args)
            {
                c.Report(rule, c.GetSpan(c.Node.Location), args);
            }
        });
    }

    private static void CheckRelation(StatementContext context, DiagnosticDescriptor rule, Func<string, object?[]?> describe, RangeVar? relation)
    {
        if (relation is not null && describe(relation.Relname) is { } args)
        {
            context.Report(rule, context.Statement.GetQualifiedNameSpan(relation.Location), args);
        }
    }
}
