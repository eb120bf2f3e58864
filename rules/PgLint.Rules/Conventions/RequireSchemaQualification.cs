using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Conventions;

/// <summary>
/// PG7001: an unqualified table name in DDL is resolved through the <c>search_path</c> of the session
/// that runs the migration. A migration tool, a psql session and a restore can each have a different
/// one, so the same file can create or alter tables in different schemas. Writing the schema makes the
/// file mean one thing.
/// </summary>
/// <remarks>
/// Off by default: many projects keep everything in one schema and rely on <c>search_path</c>. Looks at
/// the tables DDL creates, alters, indexes, references or attaches policies and triggers to. Not
/// reported: temporary tables, and tables named inside queries (a view's <c>SELECT</c>).
/// </remarks>
public sealed class RequireSchemaQualification : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG7001",
        "require-schema-qualification",
        "Qualify table names in DDL with their schema",
        "{0} is named without a schema, so the statement acts on the relation of that name in whichever schema comes first in the search_path of the session running it; write schema.{0}.",
        RuleCategory.Conventions,
        Severity.Warning,
        isEnabledByDefault: false,
        description: "Unqualified table names in DDL depend on the search_path of the session that runs the migration.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<RangeVar>(Analyze);

    private static void Analyze(NodeContext<RangeVar> context)
    {
        var relation = context.Node;
        if (relation.Schemaname.Length > 0 || relation.Relpersistence == "t" || !IsDdl(context.Root.NodeCase)
            || context.Ancestors.Any(static a => a.Node is SelectStmt))
        {
            return;
        }

        context.Report(Rule, context.Statement.GetQualifiedNameSpan(relation.Location), QualifiedName.Quote(relation.Relname));
    }

    private static bool IsDdl(Node.NodeOneofCase kind) => kind is Node.NodeOneofCase.CreateStmt or Node.NodeOneofCase.AlterTableStmt
        or Node.NodeOneofCase.IndexStmt or Node.NodeOneofCase.ViewStmt or Node.NodeOneofCase.CreateSeqStmt or Node.NodeOneofCase.AlterSeqStmt
        or Node.NodeOneofCase.CreateTrigStmt or Node.NodeOneofCase.CreatePolicyStmt or Node.NodeOneofCase.AlterPolicyStmt
        or Node.NodeOneofCase.CreateTableAsStmt or Node.NodeOneofCase.RenameStmt;
}
