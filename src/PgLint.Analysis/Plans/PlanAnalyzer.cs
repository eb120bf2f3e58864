using System.Collections.Immutable;
using PgLint.Syntax;

namespace PgLint.Analysis.Plans;

/// <summary>
/// A rule that reads the plan PostgreSQL chose for a query (<c>EXPLAIN (FORMAT JSON)</c>, with
/// <c>ANALYZE</c> when asked) rather than the SQL text. It is found, configured and documented like
/// any other rule; <c>pglint check</c> cannot run it (there is no plan without a database), so it
/// runs only under <c>pglint explain</c>.
/// </summary>
public abstract class PlanAnalyzer : Analyzer
{
    /// <summary>Plan rules register no syntax actions.</summary>
    public sealed override void Initialize(AnalysisContext context)
    {
    }

    /// <summary>
    /// True when the rule reads measured execution (<c>EXPLAIN ANALYZE</c>): without <c>--analyze</c>
    /// it is not run, and the run says so.
    /// </summary>
    public virtual bool NeedsAnalyze => false;

    /// <summary>
    /// True when the rule needs what-if planning (<see cref="PlanContext.HypotheticalIndexes"/>): without
    /// hypopg it is not run, and the run says why.
    /// </summary>
    public virtual bool NeedsHypotheticalIndexes => false;

    /// <summary>Looks at the plan of one query and reports through <paramref name="context"/>.</summary>
    public abstract void AnalyzePlan(PlanContext context);
}

/// <summary>Size statistics of a table as the planner sees them (<c>pg_class.reltuples</c>, <c>relpages</c>).</summary>
/// <param name="Schema">The table's schema.</param>
/// <param name="Name">The table's name.</param>
/// <param name="Rows">The estimated row count (<c>reltuples</c>; 0 when never analysed).</param>
/// <param name="Pages">The size in 8 kB pages (<c>relpages</c>).</param>
public sealed record RelationStatistics(string Schema, string Name, double Rows, double Pages);

/// <summary>What a hypothetical index did to a query's estimated cost.</summary>
/// <param name="CreateIndexStatement">The <c>CREATE INDEX CONCURRENTLY</c> statement that would build the index.</param>
/// <param name="CostBefore">The estimated total cost without the index.</param>
/// <param name="CostAfter">The estimated total cost with it.</param>
/// <param name="UsedByPlan">True when the new plan uses the hypothetical index.</param>
public sealed record HypotheticalIndexResult(string CreateIndexStatement, double CostBefore, double CostAfter, bool UsedByPlan);

/// <summary>
/// Plans a query again as if an index existed (the <c>hypopg</c> extension): nothing is built, the
/// planner is only told about the index in the current session.
/// </summary>
public interface IHypotheticalIndexAdvisor
{
    /// <summary>Re-plans the query with a hypothetical B-tree index on <paramref name="columns"/> of the table.</summary>
    /// <returns>The costs, or null when the index could not be described (e.g. an unknown column).</returns>
    HypotheticalIndexResult? TryIndex(string schema, string table, IReadOnlyList<string> columns);
}

/// <summary>The context of a plan rule: the query, its plan, the tables' statistics and what-if planning.</summary>
public sealed class PlanContext
{
    private readonly Action<Diagnostic> _report;
    private readonly Func<string?, string, RelationStatistics?> _relation;

    /// <summary>Creates the context of one planned query (used by whatever runs EXPLAIN).</summary>
    /// <param name="statement">The query in its file.</param>
    /// <param name="plan">Its plan.</param>
    /// <param name="options">The configured rule options.</param>
    /// <param name="relation">Looks up a table's statistics by schema (null: search path) and name.</param>
    /// <param name="hypotheticalIndexes">What-if planning, or null when hypopg is not available.</param>
    /// <param name="report">Receives the findings.</param>
    public PlanContext(
        SqlStatement statement,
        QueryPlan plan,
        RuleOptions options,
        Func<string?, string, RelationStatistics?> relation,
        IHypotheticalIndexAdvisor? hypotheticalIndexes,
        Action<Diagnostic> report)
    {
        Statement = statement ?? throw new ArgumentNullException(nameof(statement));
        Plan = plan ?? throw new ArgumentNullException(nameof(plan));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _relation = relation ?? throw new ArgumentNullException(nameof(relation));
        HypotheticalIndexes = hypotheticalIndexes;
        _report = report ?? throw new ArgumentNullException(nameof(report));
    }

    /// <summary>The query as written in its file.</summary>
    public SqlStatement Statement { get; }

    /// <summary>The plan PostgreSQL chose for it.</summary>
    public QueryPlan Plan { get; }

    /// <summary>The configured rule options.</summary>
    public RuleOptions Options { get; }

    /// <summary>What-if planning with hypothetical indexes; null when the hypopg extension is not available.</summary>
    public IHypotheticalIndexAdvisor? HypotheticalIndexes { get; }

    /// <summary>The planner's statistics of the table a scan node reads, when known.</summary>
    public RelationStatistics? GetRelation(PlanNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.RelationName is { } name ? _relation(node.Schema, name) : null;
    }

    /// <summary>Reports a finding on the query (its first line and column in the file).</summary>
    public void Report(DiagnosticDescriptor descriptor, params object?[] messageArgs) =>
        Report(descriptor, properties: null, messageArgs);

    /// <summary>Reports a finding on the query with properties (carried into SARIF and JSON).</summary>
    public void Report(DiagnosticDescriptor descriptor, IReadOnlyDictionary<string, string>? properties, params object?[] messageArgs) =>
        _report(Diagnostic.Create(descriptor, Location.Create(Statement.Source, Statement.Span), fixes: null, properties, messageArgs));

    /// <summary>
    /// The columns of the scanned table that a node's <c>Filter</c> reads, in order of appearance:
    /// the filter text (as EXPLAIN prints it) is parsed by the PostgreSQL parser, not pattern-matched.
    /// </summary>
    public static ImmutableArray<string> FilterColumns(PlanNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Filter is not { Length: > 0 } filter)
        {
            return [];
        }

        var parsed = SqlParser.ParseText("SELECT WHERE " + filter, out _);
        if (parsed is null)
        {
            return [];
        }

        var qualifiers = new HashSet<string>(StringComparer.Ordinal) { node.Alias ?? string.Empty, node.RelationName ?? string.Empty };
        var columns = new List<string>();
        foreach (var reference in parsed.Stmts.SelectMany(static s => s.Stmt.DescendantsAndSelf()).Select(static d => d.Node).OfType<PgQuery.ColumnRef>())
        {
            var names = reference.Fields.Select(static f => f.AsString()).OfType<string>().ToList();
            if (names.Count == reference.Fields.Count
                && (names.Count == 1 || (names.Count == 2 && qualifiers.Contains(names[0])))
                && !columns.Contains(names[^1]))
            {
                columns.Add(names[^1]);
            }
        }

        return [.. columns];
    }
}
