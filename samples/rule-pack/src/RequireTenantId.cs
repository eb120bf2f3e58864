using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace Acme.PgLint.Rules;

/// <summary>
/// ACME001: every table in the application schema carries a <c>tenant_id</c> column. Row-level
/// security policies and the connection pooler's tenant routing key on it; a table without it leaks
/// rows across tenants the moment someone queries it without a hand-written filter.
/// </summary>
/// <remarks>
/// Not reported: unqualified tables (their schema depends on <c>search_path</c>), partitions
/// (<c>PARTITION OF</c>) and inheriting tables, which get their columns from the parent, and
/// <c>CREATE TABLE … AS</c>, whose columns come from a query.
/// </remarks>
public sealed class RequireTenantId : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "ACME001",
        "require-tenant-id",
        "Give every application table a tenant_id column",
        "Table {0} has no {1} column, so its rows are visible to every tenant.",
        AcmeRules.Category,
        Severity.Error,
        description: "Tables in the application schemas must have a tenant_id column: row-level security and tenant routing depend on it.",
        helpUri: AcmeRules.HelpUri("ACME001"),
        options:
        [
            new RuleOption("schemas", RuleOptionKind.StringList, new[] { "app" }, "The schemas whose tables need the column."),
            new RuleOption("column", RuleOptionKind.String, "tenant_id", "The name of the tenant column."),
        ]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<CreateStmt>(Analyze);

    private static void Analyze(NodeContext<CreateStmt> context)
    {
        var table = context.Node;
        if (table.Partbound is not null || table.InhRelations.Count > 0 || table.OfTypename is not null)
        {
            return;
        }

        if (!AcmeRules.IsOneOf(AcmeRules.Schema(table.Relation), context.Options.GetStringList(Rule, "schemas")))
        {
            return;
        }

        var column = context.Options.GetString(Rule, "column");
        if (table.TableElts.Any(element => element.ColumnDef?.Colname == column))
        {
            return;
        }

        var name = table.Relation.ToQualifiedName();
        context.Report(Rule, context.Statement.GetQualifiedNameSpan(table.Relation.Location), name.ToString(), column);
    }
}
