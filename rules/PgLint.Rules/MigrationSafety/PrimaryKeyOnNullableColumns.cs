using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1012: <c>ADD PRIMARY KEY</c> (also <c>USING INDEX</c>) sets every key column NOT NULL. For a column
/// that is not NOT NULL yet, that is an implicit <c>SET NOT NULL</c>: a scan of every row under the
/// <c>ACCESS EXCLUSIVE</c> lock of <c>ALTER TABLE</c>, even when the index already exists.
/// </summary>
/// <remarks>
/// Not reported: tables created earlier in the same file (they are empty); columns the catalog knows as NOT NULL, or
/// that earlier statements of the set set NOT NULL; on PostgreSQL 12 and later, columns with a validated
/// <c>CHECK (col IS NOT NULL)</c> (in the catalog or earlier in the set); columns set NOT NULL or added earlier in the same <c>ALTER TABLE</c>.
/// A column of a table (or an index) the catalog does not know is not known to be NOT NULL and is reported.
/// </remarks>
public sealed class PrimaryKeyOnNullableColumns : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1012",
        "primary-key-on-nullable-columns",
        "Make primary key columns NOT NULL before adding the primary key",
        "Adding {0} to {1} sets {2} NOT NULL, which scans every row of {1} under an ACCESS EXCLUSIVE lock that blocks all reads and writes.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "ADD PRIMARY KEY, with or without USING INDEX, sets its columns NOT NULL; for a column that may hold NULL that is a full scan under ACCESS EXCLUSIVE.",
        hazard: new MigrationHazard(LockMode.AccessExclusive, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetStartAction(static start =>
        {
            var earlier = EarlierStatements.Track(start);
            start.RegisterNodeAction<AlterTableCmd>(context => Analyze(context, earlier));
        });

    private static void Analyze(NodeContext<AlterTableCmd> context, EarlierStatements earlier)
    {
        if (AlterTableCommands.AddedConstraint(context.Node) is not { Contype: ConstrType.ConstrPrimary } primaryKey
            || context.FindAncestor<AlterTableStmt>() is not { Relation: { } relation } alter
            || alter.Objtype != ObjectType.ObjectTable)
        {
            return;
        }

        var table = context.Catalog.FindTable(relation.ToQualifiedName());
        if (context.Migration.IsNew(table))
        {
            return;
        }

        List<string> columns;
        if (primaryKey.Indexname.Length == 0)
        {
            columns = [.. primaryKey.Keys.Select(static k => k.AsString()).OfType<string>()];
        }
        else if (context.Catalog.FindIndex(new QualifiedName(relation.Schemaname.Length > 0 ? relation.Schemaname : null, primaryKey.Indexname)) is { } index)
        {
            columns = [.. index.Keys.Select(static k => k.Column).OfType<string>()];
        }
        else
        {
            context.ReportOnStatement(Rule, Describe(primaryKey), relation.ToQualifiedName().ToString(), $"the columns of index {QualifiedName.Quote(primaryKey.Indexname)} (not known to be NOT NULL)");
            return;
        }

        var sameStatement = EarlierNotNullColumns(alter, context.Node);
        // The catalog answers for the tables it knows; the notes only for the others.
        var notes = table is null ? earlier.For(relation) : EarlierStatements.TableNotes.Empty;
        var pg12 = context.Migration.TargetVersion.IsAtLeast(12);
        var nullable = columns
            .Where(c => !sameStatement.Contains(c)
                && !notes.NotNullColumns.Contains(c)
                && table?.FindColumn(c) is not { NotNull: true }
                && !(pg12 && ((table is not null && SetNotNull.HasValidatedNotNullCheck(table, c)) || notes.HasValidatedNotNullCheck(c))))
            .ToList();
        if (nullable.Count == 0)
        {
            return;
        }

        var known = table is not null && !table.ColumnsUnknown && nullable.All(c => table.FindColumn(c) is not null);
        var what = string.Join(", ", nullable.Select(QualifiedName.Quote)) + (known ? string.Empty : " (not known to be NOT NULL)");
        context.ReportOnStatement(Rule, Describe(primaryKey), relation.ToQualifiedName().ToString(), what);
    }

    private static string Describe(Constraint constraint) => AlterTableCommands.Describe(constraint, "primary key");

    /// <summary>Columns the same <c>ALTER TABLE</c> sets NOT NULL or adds as NOT NULL before <paramref name="command"/>.</summary>
    private static HashSet<string> EarlierNotNullColumns(AlterTableStmt alter, AlterTableCmd command)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var earlier in alter.Cmds.Select(static c => c.AlterTableCmd).OfType<AlterTableCmd>().TakeWhile(c => !ReferenceEquals(c, command)))
        {
            if (earlier.Subtype == AlterTableType.AtSetNotNull)
            {
                columns.Add(earlier.Name);
            }
            else if (AlterTableCommands.AddedColumn(earlier) is { } added)
            {
                // A column added in the same statement has no rows to check yet.
                columns.Add(added.Colname);
            }
        }

        return columns;
    }
}
