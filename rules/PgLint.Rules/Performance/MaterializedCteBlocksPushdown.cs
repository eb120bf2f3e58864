using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Rules.Queries;
using PgQuery;

namespace PgLint.Rules.Performance;

/// <summary>
/// PG2020: a materialized CTE is computed in full before the rest of the query runs, and conditions
/// written outside it are applied to the stored result: <c>WITH o AS MATERIALIZED (SELECT … FROM orders)
/// SELECT … FROM o WHERE o.id = 42</c> computes every order first. Since PostgreSQL 12 a
/// non-recursive, side-effect-free CTE referenced once is inlined, so the condition is pushed into
/// it and can use an index; <c>AS MATERIALIZED</c> (and every CTE before 12) keeps the fence.
/// </summary>
/// <remarks>
/// Reported for a CTE referenced once by a query that filters it in <c>WHERE</c>: with
/// <c>MATERIALIZED</c>, or any CTE when the target version is below 12. Recursive CTEs and CTEs with
/// data-modifying statements are always materialized and not reported.
/// </remarks>
public sealed class MaterializedCteBlocksPushdown : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG2020",
        "materialized-cte-blocks-pushdown",
        "Let PostgreSQL inline CTEs that are filtered outside",
        "CTE {0} is materialized {1}, so the WHERE applied to it outside runs on its complete result instead of being pushed into it; {2}.",
        RuleCategory.Performance,
        Severity.Info,
        description: "A materialized CTE (MATERIALIZED, or any CTE before PostgreSQL 12) is computed in full before outer conditions filter it.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<SelectStmt>(Analyze);

    private static void Analyze(NodeContext<SelectStmt> context)
    {
        if (context.Node.WithClause is not { Recursive: false } with)
        {
            return;
        }

        var inlinedByDefault = context.Migration.TargetVersion.IsAtLeast(12);
        foreach (var cte in with.Ctes.Select(static c => c.CommonTableExpr).OfType<CommonTableExpr>())
        {
            var materialized = cte.Ctematerialized == CTEMaterialize.Always || (!inlinedByDefault && cte.Ctequery?.SelectStmt is not null);
            if (!materialized || cte.Ctequery?.SelectStmt is null)
            {
                continue;
            }

            var readers = context.Node.DescendantsAndSelf().Select(static d => d.Node).OfType<SelectStmt>()
                .Where(s => QueryShape.Relations(s.FromClause).Any(r => IsReference(r, cte.Ctename)))
                .ToList();
            var references = readers.Sum(s => QueryShape.Relations(s.FromClause).Count(r => IsReference(r, cte.Ctename)));
            if (references == 1 && FiltersIt(readers[0], cte.Ctename))
            {
                context.Report(
                    Rule,
                    context.GetSpan(cte.Location),
                    QualifiedName.Quote(cte.Ctename),
                    inlinedByDefault ? "(AS MATERIALIZED)" : "(every CTE is before PostgreSQL 12)",
                    inlinedByDefault ? "drop MATERIALIZED, or move the condition into the CTE" : "move the condition into the CTE, or use a subquery in FROM");
            }
        }
    }

    private static bool IsReference(RangeEntry entry, string name) =>
        entry.Relation is { Schemaname.Length: 0 } relation && relation.Relname == name;

    private static bool FiltersIt(SelectStmt reader, string name)
    {
        var relations = QueryShape.Relations(reader.FromClause).ToList();
        var alias = relations.First(r => IsReference(r, name)).Name;
        return reader.WhereClause is { } where && QueryShape.ColumnRefs(where).Any(r =>
            r.Qualifier() == alias || (r.Qualifier() is null && relations.Count == 1));
    }
}
