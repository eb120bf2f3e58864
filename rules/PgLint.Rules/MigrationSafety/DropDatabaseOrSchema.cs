using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1021: <c>DROP DATABASE</c> deletes a whole database, and <c>DROP SCHEMA … CASCADE</c> every
/// table, view, function and type in the schema, with no way back but a backup. A migration that
/// does either is almost always a script meant for a development database that reached the
/// migration folder.
/// </summary>
/// <remarks>Not reported: <c>DROP SCHEMA</c> without <c>CASCADE</c>, which fails unless the schema is empty.</remarks>
public sealed class DropDatabaseOrSchema : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1021",
        "drop-database-or-schema",
        "Do not drop databases or whole schemas in migrations",
        "{0} deletes every object and row in {1}, with no way back but a backup.",
        RuleCategory.MigrationSafety,
        Severity.Error,
        description: "DROP DATABASE and DROP SCHEMA ... CASCADE delete everything they contain irreversibly.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Root.DropdbStmt is { } dropDatabase)
        {
            context.ReportOnStatement(Rule, "DROP DATABASE", "database " + QualifiedName.Quote(dropDatabase.Dbname));
        }
        else if (context.Root.DropStmt is { RemoveType: ObjectType.ObjectSchema, Behavior: DropBehavior.DropCascade } drop)
        {
            var schemas = drop.Objects.Select(static o => o.AsString()).OfType<string>().Select(QualifiedName.Quote);
            context.ReportOnStatement(Rule, "DROP SCHEMA … CASCADE", "schema " + string.Join(", ", schemas));
        }
    }
}
