using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Npgsql;

/// <summary>Turns the rows of <see cref="CatalogQueries"/> into catalog objects.</summary>
internal sealed class LoadedCatalogBuilder(Catalog catalog)
{
    public void AddSchema(string name) => catalog.AddSchema(name);

    public void AddExtension(string name, string schema) => catalog.AddExtension(new Extension(name, schema));

    public void AddTable(LoadedTable row)
    {
        var kind = row.Kind switch
        {
            'p' => RelationKind.PartitionedTable,
            'v' => RelationKind.View,
            'm' => RelationKind.MaterializedView,
            'f' => RelationKind.ForeignTable,
            _ => RelationKind.Table,
        };
        var table = new Table(row.Name, Origin("table", row.Name), kind)
        {
            IsUnlogged = row.Unlogged,
            RowLevelSecurity = row.RowSecurity,
            ForceRowLevelSecurity = row.ForceRowSecurity,
            PartitionOf = row.PartitionOf,
            PartitionStrategy = row.PartitionStrategy switch
            {
                'r' => "range",
                'l' => "list",
                'h' => "hash",
                _ => null,
            },
            PartitionKey = row.PartitionKey,
        };
        foreach (var option in row.Options.Select(static o => o.Split('=', 2)).Where(static o => o.Length == 2))
        {
            table.OptionMap[option[0]] = option[1];
        }

        catalog.AddTable(table);
    }

    public void AddColumn(QualifiedName table, LoadedColumn row)
    {
        if (catalog.FindTable(table) is not { } owner)
        {
            return;
        }

        owner.ColumnList.Add(new Column(row.Name, row.Type)
        {
            NotNull = row.NotNull,
            Default = row.Generated == 's' ? null : row.Default,
            Generated = row.Generated == 's' ? row.Default : null,
            Identity = row.Identity switch
            {
                'a' => ColumnIdentity.Always,
                'd' => ColumnIdentity.ByDefault,
                _ => ColumnIdentity.None,
            },
        });
    }

    public void AddConstraint(QualifiedName table, LoadedConstraint row)
    {
        if (catalog.FindTable(table) is not { } owner)
        {
            return;
        }

        var type = row.Type switch
        {
            'p' => ConstraintType.PrimaryKey,
            'u' => ConstraintType.Unique,
            'f' => ConstraintType.ForeignKey,
            'x' => ConstraintType.Exclusion,
            _ => ConstraintType.Check,
        };
        owner.ConstraintList.Add(new TableConstraint(row.Name, type, [.. row.Columns], Origin("constraint", table, row.Name))
        {
            ReferencedTable = row.Referenced,
            ReferencedColumns = [.. row.ReferencedColumns],
            OnUpdate = ToAction(row.OnUpdate),
            OnDelete = ToAction(row.OnDelete),
            IsValidated = row.Validated,
            Expression = type == ConstraintType.Check ? CheckExpression(row.Definition) : null,
            NotNullColumn = type == ConstraintType.Check && row.Columns.Length == 1
                && CheckExpression(row.Definition) is { } e && e.Equals($"{QualifiedName.Quote(row.Columns[0])} IS NOT NULL", StringComparison.Ordinal) ? row.Columns[0] : null,
            IndexName = row.Index,
        });
    }

    public void AddIndex(LoadedIndex row)
    {
        if (catalog.FindTable(row.Table) is null)
        {
            // The table belongs to an extension and was left out.
            return;
        }

        var keys = row.Columns.Take(row.KeyCount)
            .Select((text, i) => row.IsExpression[i] ? new IndexKey(null, Unparenthesise(text)) : new IndexKey(Unquote(text), null))
            .ToImmutableArray();
        catalog.AddIndex(new PgLint.Analysis.Index(row.Name, Origin("index", row.Name), row.Table, keys, row.Unique, row.Method)
        {
            IsPrimary = row.Primary,
            IsValid = row.Valid,
            Include = [.. row.Columns.Skip(row.KeyCount).Select(Unquote)],
            Predicate = row.Predicate,
            Constraint = row.Constraint,
        });
    }

    public void AddPolicy(QualifiedName table, LoadedPolicy row)
    {
        if (catalog.FindTable(table) is null)
        {
            return;
        }

        catalog.AddPolicy(new Policy(row.Name, table, Origin("policy", table, row.Name))
        {
            Command = row.Command switch
            {
                'r' => "select",
                'a' => "insert",
                'w' => "update",
                'd' => "delete",
                _ => "all",
            },
            IsPermissive = row.Permissive,
            Roles = [.. row.Roles],
            Using = row.Using,
            WithCheck = row.WithCheck,
        });
    }

    public void AddSequence(QualifiedName name, (QualifiedName Table, string Column)? ownedBy) =>
        catalog.AddSequence(new Sequence(name, Origin("sequence", name)) { OwnedBy = ownedBy });

    public void AddFunction(LoadedFunction row)
    {
        var function = new Function(row.Name, Origin(row.Kind == 'p' ? "procedure" : "function", row.Name), [.. row.ArgumentTypes], row.Kind == 'p')
        {
            Language = row.Language,
            Volatility = row.Volatility switch
            {
                'i' => Volatility.Immutable,
                's' => Volatility.Stable,
                _ => Volatility.Volatile,
            },
            SecurityDefiner = row.SecurityDefiner,
            Configuration = row.Configuration.Select(static c => c.Split('=', 2)).Where(static c => c.Length == 2).ToDictionary(static c => c[0], static c => c[1], StringComparer.Ordinal),
        };
        catalog.AddFunction(function);
    }

    /// <summary>Loaded objects are reported by name (<c>table public.orders</c>), as the database knows them.</summary>
    private static ObjectOrigin Origin(string kind, QualifiedName name, string? member = null) =>
        ObjectOrigin.FromDatabase(LogicalLocation.Of(kind, name, member));

    private static ForeignKeyAction ToAction(char code) => code switch
    {
        'r' => ForeignKeyAction.Restrict,
        'c' => ForeignKeyAction.Cascade,
        'n' => ForeignKeyAction.SetNull,
        'd' => ForeignKeyAction.SetDefault,
        _ => ForeignKeyAction.NoAction,
    };

    /// <summary><c>CHECK ((qty &gt; 0))</c> → <c>qty &gt; 0</c>.</summary>
    private static string CheckExpression(string definition)
    {
        var text = definition.StartsWith("CHECK ", StringComparison.Ordinal) ? definition[6..] : definition;
        text = text.Replace(" NOT VALID", string.Empty, StringComparison.Ordinal);
        return Unparenthesise(Unparenthesise(text));
    }

    private static string Unparenthesise(string text) =>
        text.Length > 1 && text[0] == '(' && text[^1] == ')' ? text[1..^1] : text;

    private static string Unquote(string identifier) =>
        identifier.Length > 1 && identifier[0] == '"' && identifier[^1] == '"' ? identifier[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : identifier;
}
