using System.Collections.Immutable;
using PgQuery;

namespace PgLint.Analysis;

/// <summary>CREATE INDEX, with the names PostgreSQL's <c>ChooseIndexName</c> gives unnamed indexes.</summary>
internal sealed partial class CatalogReplayer
{
    private void CreateIndex(IndexStmt statement)
    {
        var table = catalog.FindTable(statement.Relation.ToQualifiedName());
        var tableName = table?.Name ?? catalog.Qualify(statement.Relation.ToQualifiedName());
        var schema = tableName.Schema ?? "public";
        var keys = statement.IndexParams.Select(static p => p.IndexElem).OfType<IndexElem>().Select(ToKey).ToImmutableArray();
        var include = statement.IndexIncludingParams.Select(static p => p.IndexElem?.Name).OfType<string>().ToImmutableArray();
        var name = statement.Idxname;
        if (name.Length > 0 && statement.IfNotExists && catalog.RelationExists(new QualifiedName(schema, name)))
        {
            return;
        }

        if (name.Length == 0)
        {
            var columnNames = statement.IndexParams.Select(static p => p.IndexElem).OfType<IndexElem>()
                .Select(static e => e.Indexcolname.Length > 0 ? e.Indexcolname : e.Name.Length > 0 ? e.Name : ExpressionName(e.Expr))
                .Concat(include);
            var label = statement.Primary ? "pkey" : statement.ExcludeOpNames.Count > 0 ? "excl" : statement.Unique ? "key" : "idx";
            name = catalog.ChooseRelationName(schema, tableName.Name, statement.Primary ? null : string.Join('_', columnNames), label, isConstraint: false);
        }

        catalog.AddIndex(new Index(new QualifiedName(schema, name), _origin, tableName, keys, statement.Unique, statement.AccessMethod.Length > 0 ? statement.AccessMethod : "btree")
        {
            Include = include,
            Predicate = TextOf(statement.WhereClause),
            IsPrimary = statement.Primary,

            // CREATE INDEX ON ONLY a partitioned table leaves it invalid until every partition's index is attached.
            IsValid = !(table?.Kind == RelationKind.PartitionedTable && !statement.Relation.Inh),
        });
    }

    private IndexKey ToKey(IndexElem element) =>
        new(
            element.Name.Length > 0 ? element.Name : null,
            element.Name.Length > 0 ? null : TextOf(element.Expr),
            element.Opclass.Count > 0 ? string.Join('.', element.Opclass.Select(static o => o.AsString())) : null,
            element.Ordering == SortByDir.SortbyDesc);

    /// <summary>The name PostgreSQL's <c>FigureIndexColname</c> gives an expression key: the function's name, else <c>expr</c>.</summary>
    private static string ExpressionName(Node? expression) => expression?.NodeCase switch
    {
        Node.NodeOneofCase.FuncCall => expression.FuncCall.Funcname.LastOrDefault().AsString() ?? "expr",
        Node.NodeOneofCase.ColumnRef => expression.ColumnRef.Fields.LastOrDefault().AsString() ?? "expr",
        Node.NodeOneofCase.TypeCast => expression.TypeCast.Arg is { NodeCase: Node.NodeOneofCase.FuncCall or Node.NodeOneofCase.ColumnRef } inner
            ? ExpressionName(inner)
            : expression.TypeCast.TypeName.Names.LastOrDefault().AsString() ?? "expr",
        Node.NodeOneofCase.CoalesceExpr => "coalesce",
        _ => "expr",
    };
}
