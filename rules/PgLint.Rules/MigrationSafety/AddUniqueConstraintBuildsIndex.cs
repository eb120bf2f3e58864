using System.Collections.Immutable;
using System.Text;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1011: <c>ADD UNIQUE</c> / <c>ADD PRIMARY KEY</c> (or a column added with <c>UNIQUE</c> or
/// <c>PRIMARY KEY</c>) builds the constraint's index inside <c>ALTER TABLE</c>, under the
/// <c>ACCESS EXCLUSIVE</c> lock: every read and write waits for the whole build. Build the index with
/// <c>CREATE UNIQUE INDEX CONCURRENTLY</c> first and add the constraint <c>USING INDEX</c>, which is
/// instant.
/// </summary>
/// <remarks>
/// Not reported: tables created earlier in the same file; constraints added <c>USING INDEX</c>.
/// The fix splits the statement in two; it is offered for a single <c>ADD [CONSTRAINT …] UNIQUE|PRIMARY KEY (columns)</c>
/// without <c>INCLUDE</c>, storage options, a tablespace or <c>NULLS NOT DISTINCT</c>, on a table that is not partitioned.
/// </remarks>
public sealed class AddUniqueConstraintBuildsIndex : Analyzer
{
    private const int MaxIdentifierBytes = 63;

    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1011",
        "add-unique-constraint-builds-index",
        "Build unique indexes concurrently, then add the constraint USING INDEX",
        "Adding {0} to {1} builds its index under an ACCESS EXCLUSIVE lock that blocks all reads and writes of {1} for the whole build.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "ADD UNIQUE and ADD PRIMARY KEY build their index while ALTER TABLE holds ACCESS EXCLUSIVE; CREATE UNIQUE INDEX CONCURRENTLY followed by ADD CONSTRAINT ... USING INDEX blocks neither reads nor writes.",
        hazard: new MigrationHazard(LockMode.AccessExclusive, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (AlterTableCommands.ExistingTable(context) is not { } table)
        {
            return;
        }

        var tableName = table.ToQualifiedName().ToString();
        if (AlterTableCommands.AddedConstraint(context.Node) is { Contype: ConstrType.ConstrUnique or ConstrType.ConstrPrimary, Indexname.Length: 0 } constraint)
        {
            context.Report(Rule, context.Statement.Span, FixFor(context, table, constraint), Describe(constraint), tableName);
        }
        else if (AlterTableCommands.AddedColumn(context) is { } column)
        {
            foreach (var inline in AlterTableCommands.Constraints(column).Where(static c => c.Contype is ConstrType.ConstrUnique or ConstrType.ConstrPrimary && c.Indexname.Length == 0))
            {
                context.ReportOnStatement(Rule, $"{Describe(inline)} on new column {QualifiedName.Quote(column.Colname)}", tableName);
            }
        }
    }

    private static string Describe(Constraint constraint) =>
        AlterTableCommands.Describe(constraint, constraint.Contype == ConstrType.ConstrPrimary ? "primary key" : "unique constraint");

    /// <summary>
    /// <c>CREATE UNIQUE INDEX CONCURRENTLY name ON table (columns)</c> then
    /// <c>ALTER TABLE table ADD CONSTRAINT name UNIQUE|PRIMARY KEY USING INDEX name</c>, in place of the statement.
    /// </summary>
    private static Fix? FixFor(NodeContext<AlterTableCmd> context, RangeVar table, Constraint constraint)
    {
        var alter = context.FindAncestor<AlterTableStmt>()!;
        var columns = constraint.Keys.Select(static k => k.AsString()).ToList();
        var known = context.Catalog.FindTable(table.ToQualifiedName());
        if (alter.Cmds.Count != 1 || alter.MissingOk || !table.Inh || columns.Count == 0 || columns.Any(static c => c is null)
            || constraint.Including.Count > 0 || constraint.Options.Count > 0 || constraint.Indexspace.Length > 0 || constraint.NullsNotDistinct
            || known?.Kind == RelationKind.PartitionedTable)
        {
            return null;
        }

        var primary = constraint.Contype == ConstrType.ConstrPrimary;
        var name = constraint.Conname.Length > 0
            ? constraint.Conname
            : primary ? $"{table.Relname}_pkey" : $"{table.Relname}_{string.Join('_', columns)}_key";
        if (Encoding.UTF8.GetByteCount(name) > MaxIdentifierBytes)
        {
            return null;
        }

        var quotedName = QualifiedName.Quote(name);
        var tableText = context.Document.Source.ToString(context.Statement.GetQualifiedNameSpan(table.Location));
        var timing = (constraint.Deferrable ? " DEFERRABLE" : string.Empty) + (constraint.Initdeferred ? " INITIALLY DEFERRED" : string.Empty);
        var text = $"CREATE UNIQUE INDEX CONCURRENTLY {quotedName} ON {tableText} ({string.Join(", ", columns.Select(static c => QualifiedName.Quote(c!)))});\n"
            + $"ALTER TABLE {tableText} ADD CONSTRAINT {quotedName} {(primary ? "PRIMARY KEY" : "UNIQUE")} USING INDEX {quotedName}{timing}";

        // A primary key over columns that may hold NULL still sets them NOT NULL with a scan under ACCESS EXCLUSIVE
        // (PG1012), and CREATE INDEX CONCURRENTLY fails inside a transaction block.
        var nullable = primary && columns.Any(c => known?.FindColumn(c!) is not { NotNull: true });
        return new Fix(
            "Build the index concurrently, then add the constraint USING INDEX (outside a transaction block)",
            [new TextEdit(context.Statement.Span, text)],
            nullable || context.Migration.Transaction.InTransactionBlock ? FixSafety.Unsafe : FixSafety.Safe,
            validInTransactionBlock: false);
    }
}
