using System.Collections.Immutable;
using PgQuery;

namespace PgLint.Analysis;

/// <summary>Table constraints, named as PostgreSQL names them, with the indexes that back them.</summary>
internal sealed partial class CatalogReplayer
{
    private void AddConstraint(Table table, PgQuery.Constraint definition, string? column)
    {
        var type = definition.Contype switch
        {
            ConstrType.ConstrPrimary => ConstraintType.PrimaryKey,
            ConstrType.ConstrUnique => ConstraintType.Unique,
            ConstrType.ConstrForeign => ConstraintType.ForeignKey,
            ConstrType.ConstrCheck => ConstraintType.Check,
            ConstrType.ConstrExclusion => ConstraintType.Exclusion,
            _ => (ConstraintType?)null,
        };
        if (type is not { } kind || (kind == ConstraintType.PrimaryKey && table.PrimaryKey is not null))
        {
            return;
        }

        var columns = ConstraintColumns(definition, kind, column);
        var name = definition.Conname.Length > 0 ? definition.Conname : ImplicitName(catalog, table.Name, kind, columns);

        var constraint = new TableConstraint(name, kind, columns, _origin)
        {
            IsValidated = !definition.SkipValidation,
            Expression = kind == ConstraintType.Check ? TextOf(definition.RawExpr) : null,
        };
        if (kind == ConstraintType.Check && definition.RawExpr?.NullTest is { Nulltesttype: NullTestType.IsNotNull, Arg.ColumnRef: { } tested })
        {
            constraint.NotNullColumn = tested.Fields.LastOrDefault().AsString();
        }

        if (kind == ConstraintType.ForeignKey)
        {
            DescribeForeignKey(constraint, definition);
        }

        table.ConstraintList.Add(constraint);
        if (kind is ConstraintType.PrimaryKey or ConstraintType.Unique or ConstraintType.Exclusion)
        {
            AddConstraintIndex(table, constraint, definition);
        }
    }

    /// <summary>The name PostgreSQL chooses for an unnamed constraint of <paramref name="kind"/> on <paramref name="table"/> (a qualified name).</summary>
    internal static string ImplicitName(Catalog catalog, QualifiedName table, ConstraintType kind, ImmutableArray<string> columns)
    {
        var schema = table.Schema ?? "public";
        return kind switch
        {
            ConstraintType.PrimaryKey => catalog.ChooseRelationName(schema, table.Name, null, "pkey", isConstraint: true),
            ConstraintType.Unique => catalog.ChooseRelationName(schema, table.Name, string.Join('_', columns), "key", isConstraint: true),
            ConstraintType.Exclusion => catalog.ChooseRelationName(schema, table.Name, string.Join('_', columns), "excl", isConstraint: true),
            ConstraintType.ForeignKey => catalog.ChooseConstraintName(schema, table.Name, string.Join('_', columns), "fkey"),
            _ => catalog.ChooseConstraintName(schema, table.Name, columns.Length == 1 ? columns[0] : null, "check"),
        };
    }

    /// <summary>The columns PostgreSQL names a constraint after (<paramref name="column"/>: the column it is declared on, if any).</summary>
    internal static ImmutableArray<string> ConstraintColumns(PgQuery.Constraint definition, ConstraintType kind, string? column) => kind switch
    {
        ConstraintType.ForeignKey when definition.FkAttrs.Count > 0 => [.. definition.FkAttrs.Select(static k => k.AsString() ?? "?")],
        ConstraintType.Check => [.. ColumnsIn(definition.RawExpr).Distinct(StringComparer.Ordinal)],
        ConstraintType.Exclusion => [.. definition.Exclusions.Select(static e => e.List?.Items.FirstOrDefault()?.IndexElem is { } elem ? (elem.Name.Length > 0 ? elem.Name : ExpressionName(elem.Expr)) : "?")],
        _ when definition.Keys.Count > 0 => [.. definition.Keys.Select(static k => k.AsString() ?? "?")],
        _ => column is null ? [] : [column],
    };

    private void DescribeForeignKey(TableConstraint constraint, PgQuery.Constraint definition)
    {
        var referenced = catalog.FindTable(definition.Pktable.ToQualifiedName());
        constraint.ReferencedTable = referenced?.Name ?? catalog.Qualify(definition.Pktable.ToQualifiedName());
        constraint.ReferencedColumns = definition.PkAttrs.Count > 0
            ? [.. definition.PkAttrs.Select(static k => k.AsString() ?? "?")]
            : referenced?.PrimaryKey?.Columns ?? [];
        constraint.OnDelete = ToAction(definition.FkDelAction);
        constraint.OnUpdate = ToAction(definition.FkUpdAction);
        constraint.IsValidated = definition.InitiallyValid || !definition.SkipValidation;
    }

    private void AddConstraintIndex(Table table, TableConstraint constraint, PgQuery.Constraint definition)
    {
        if (definition.Indexname.Length > 0 && catalog.FindIndex(new QualifiedName(table.Name.Schema, definition.Indexname)) is { } existing)
        {
            // ADD CONSTRAINT … USING INDEX: the index is renamed to the constraint.
            catalog.RenameIndex(existing, constraint.Name);
            existing.Constraint = constraint.Name;
            existing.IsPrimary = constraint.Type == ConstraintType.PrimaryKey;
            constraint.IndexName = constraint.Name;
            return;
        }

        if (constraint.Type == ConstraintType.PrimaryKey)
        {
            foreach (var key in constraint.Columns.Select(table.FindColumn).OfType<Column>())
            {
                key.NotNull = true;
            }
        }

        var keys = constraint.Type == ConstraintType.Exclusion
            ? [.. definition.Exclusions.Select(e => e.List?.Items.FirstOrDefault()?.IndexElem).OfType<IndexElem>().Select(ToKey)]
            : constraint.Columns.Select(static c => new IndexKey(c, null)).ToImmutableArray();
        var method = definition.AccessMethod.Length > 0 ? definition.AccessMethod : "btree";
        var index = new Index(new QualifiedName(table.Name.Schema, constraint.Name), _origin, table.Name, keys, constraint.Type != ConstraintType.Exclusion, method)
        {
            IsPrimary = constraint.Type == ConstraintType.PrimaryKey,
            Constraint = constraint.Name,
            Include = [.. definition.Including.Select(static i => i.AsString() ?? "?")],
            Predicate = TextOf(definition.WhereClause),
        };
        catalog.AddIndex(index);
        constraint.IndexName = index.Name.Name;
    }

    private static ForeignKeyAction ToAction(string code) => code switch
    {
        "r" => ForeignKeyAction.Restrict,
        "c" => ForeignKeyAction.Cascade,
        "n" => ForeignKeyAction.SetNull,
        "d" => ForeignKeyAction.SetDefault,
        _ => ForeignKeyAction.NoAction,
    };

    private static IEnumerable<string> ColumnsIn(Node? expression) =>
        expression is null
            ? []
            : expression.DescendantsAndSelf().Select(static d => d.Node).OfType<ColumnRef>()
                .Select(static c => c.Fields.LastOrDefault().AsString()).OfType<string>();
}
