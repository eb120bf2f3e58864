using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Conventions;

/// <summary>
/// PG7003: a <c>UNIQUE</c>, <c>CHECK</c>, <c>FOREIGN KEY</c> or <c>EXCLUDE</c> constraint, or an index,
/// created without a name gets one PostgreSQL makes up from the table and column names, truncated to
/// 63 bytes and numbered on collision (<c>orders_customer_id_fkey1</c>). A later migration that drops or
/// changes it has to guess that name, and the guess differs between databases whose history differs.
/// </summary>
/// <remarks>
/// Not reported: <c>PRIMARY KEY</c> (always named <c>&lt;table&gt;_pkey</c>), <c>NOT NULL</c> and
/// <c>DEFAULT</c>, domain constraints, and <c>CREATE INDEX CONCURRENTLY</c> without a name (PG1041
/// reports it).
/// </remarks>
public sealed class UnnamedConstraint : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG7003",
        "unnamed-constraint",
        "Name constraints and indexes",
        "This {0} has no name, so PostgreSQL generates one from the table and column names (numbered on collision) that later migrations must guess; name it ({1}).",
        RuleCategory.Conventions,
        Severity.Info,
        description: "Constraints and indexes created without a name get generated names that later migrations cannot rely on.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<PgQuery.Constraint>(AnalyzeConstraint);
        context.RegisterNodeAction<IndexStmt>(AnalyzeIndex);
    }

    private static void AnalyzeConstraint(NodeContext<PgQuery.Constraint> context)
    {
        var constraint = context.Node;
        var kind = constraint.Contype switch
        {
            ConstrType.ConstrUnique => "UNIQUE constraint",
            ConstrType.ConstrCheck => "CHECK constraint",
            ConstrType.ConstrForeign => "foreign key",
            ConstrType.ConstrExclusion => "exclusion constraint",
            _ => null,
        };
        if (kind is null || constraint.Conname.Length > 0 || context.Root.NodeCase is not (Node.NodeOneofCase.CreateStmt or Node.NodeOneofCase.AlterTableStmt))
        {
            return;
        }

        context.Report(Rule, context.GetSpan(constraint.Location), kind, "CONSTRAINT name …");
    }

    private static void AnalyzeIndex(NodeContext<IndexStmt> context)
    {
        var index = context.Node;
        if (index.Idxname.Length > 0 || index.Concurrent || context.Root.NodeCase != Node.NodeOneofCase.IndexStmt)
        {
            return;
        }

        context.ReportOnStatement(Rule, "index", "CREATE INDEX name ON …");
    }
}
