using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace Acme.PgLint.Rules;

/// <summary>
/// ACME002: indexes are named <c>ix_&lt;table&gt;_&lt;columns&gt;</c>. Predictable names let a
/// migration drop or rebuild an index without looking it up, and make <c>pg_stat_user_indexes</c>
/// readable; PostgreSQL's generated names (<c>orders_customer_id_idx</c>, <c>orders_customer_id_idx1</c>)
/// depend on what already exists, so they differ between environments.
/// </summary>
/// <remarks>
/// For an index on expressions only the <c>ix_&lt;table&gt;_</c> prefix is checked, since an
/// expression has no canonical name.
/// </remarks>
public sealed class IndexNaming : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "ACME002",
        "index-naming",
        "Name indexes ix_<table>_<columns>",
        "Index {0} should be named {1}.",
        AcmeRules.Category,
        Severity.Warning,
        description: "Indexes are named ix_<table>_<columns> so that migrations can refer to them by a name that is the same in every environment.",
        helpUri: AcmeRules.HelpUri("ACME002"));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<IndexStmt>(Analyze);

    private static void Analyze(NodeContext<IndexStmt> context)
    {
        var index = context.Node;
        if (index.Relation is null)
        {
            return;
        }

        var columns = index.IndexParams.Select(static p => p.IndexElem?.Name).ToList();
        var prefix = $"ix_{index.Relation.Relname}_";
        var expected = columns.All(static c => !string.IsNullOrEmpty(c)) ? prefix + string.Join('_', columns) : null;
        var name = index.Idxname;
        var compliant = expected is null
            ? name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length
            : name == expected;
        if (compliant)
        {
            return;
        }

        var shown = name.Length > 0 ? QualifiedName.Quote(name) : "(unnamed)";
        context.Report(Rule, context.Statement.Span, shown, expected ?? prefix + "<expressions>");
    }
}
