using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2016: a query that reads a table without <c>WHERE</c> or <c>LIMIT</c> returns every row. It is
/// fast while the table is small and grows with it: the application loads the whole table into
/// memory, and the response time grows with the data rather than with the page it shows.
/// </summary>
/// <remarks>
/// Off by default (scripts and reports read whole tables on purpose); <c>info</c> in the
/// <c>queries</c> profile. Only top-level <c>SELECT</c> statements are checked; queries that return
/// one row (aggregates without <c>GROUP BY</c>) are not reported.
/// </remarks>
public sealed class UnboundedSelect : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2016",
        "unbounded-select",
        "Bound queries that read a table with WHERE or LIMIT",
        "This query returns every row of {0}, so its cost and result size grow with the table; filter with WHERE or page with ORDER BY … LIMIT.",
        RuleCategory.Performance,
        Severity.Info,
        isEnabledByDefault: false,
        description: "A SELECT from a table without WHERE or LIMIT returns the whole table, whose size only grows.",
        profileLevels: new Dictionary<string, string> { [Profiles.Queries] = "info" });

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(Analyze);

    private static void Analyze(StatementContext context)
    {
        if (context.Root.SelectStmt is not { Op: SetOperation.SetopNone, WhereClause: null, LimitCount: null, IntoClause: null } query
            || query.FromClause is not [{ RangeVar: { } relation }]
            || QueryShape.ReturnsOneRow(query))
        {
            return;
        }

        context.Report(Rule, context.Statement.GetQualifiedNameSpan(relation.Location), relation.ToQualifiedName());
    }
}
