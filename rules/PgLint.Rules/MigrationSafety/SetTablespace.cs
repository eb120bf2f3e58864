using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1028: <c>ALTER TABLE … SET TABLESPACE</c> (and <c>ALTER INDEX … SET TABLESPACE</c>) copies every
/// page of the relation to the new tablespace while holding <c>ACCESS EXCLUSIVE</c>: the table (or
/// every query that would use the index) is unavailable for as long as the copy takes.
/// </summary>
/// <remarks>Not reported: relations of tables created earlier in the same file.</remarks>
public sealed class SetTablespace : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1028",
        "set-tablespace",
        "Do not move existing tables or indexes between tablespaces during a deploy",
        "Moving {0} to tablespace {1} copies all of it under an ACCESS EXCLUSIVE lock that blocks every query on it until the copy ends.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "SET TABLESPACE copies the relation file by file under ACCESS EXCLUSIVE.",
        hazard: new(LockMode.AccessExclusive, TableEffect.Rewrite));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (context.Node.Subtype != AlterTableType.AtSetTableSpace || context.FindAncestor<AlterTableStmt>() is not { Relation: { } relation } alter)
        {
            return;
        }

        var name = relation.ToQualifiedName();
        var table = alter.Objtype == ObjectType.ObjectIndex
            ? context.Catalog.FindIndex(name) is { } index ? context.Catalog.FindTable(index.Table) : null
            : context.Catalog.FindTable(name);
        if (context.Migration.IsNew(table))
        {
            return;
        }

        var what = alter.Objtype == ObjectType.ObjectIndex ? $"index {name}" : name.ToString();
        context.ReportOnStatement(Rule, what, QualifiedName.Quote(context.Node.Name));
    }
}
