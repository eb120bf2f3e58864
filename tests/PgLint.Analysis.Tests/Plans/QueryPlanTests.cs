using FluentAssertions;
using NUnit.Framework;
using PgLint.Analysis.Plans;

namespace PgLint.Analysis.Tests.Plans;

/// <summary>The typed EXPLAIN model reads PostgreSQL 15's JSON keys, and filter columns come from the parser.</summary>
public sealed class QueryPlanTests
{
    // EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) output of PostgreSQL 15.x, trimmed to the keys the model reads.
    private const string Analyzed =
        """
        [
          {
            "Plan": {
              "Node Type": "Nested Loop", "Parallel Aware": false, "Join Type": "Inner",
              "Startup Cost": 0.00, "Total Cost": 43832.25, "Plan Rows": 277778, "Plan Width": 8,
              "Actual Rows": 4000, "Actual Loops": 1,
              "Plans": [
                { "Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "customers", "Schema": "public", "Alias": "c",
                  "Startup Cost": 0.00, "Total Cost": 73.00, "Plan Rows": 5000, "Plan Width": 8, "Actual Rows": 5000, "Actual Loops": 1,
                  "Filter": "((c.region > 3) AND (lower(c.name) = 'x'::text) AND (c.region < r.low))", "Rows Removed by Filter": 0 },
                { "Node Type": "Sort", "Parent Relationship": "Inner", "Startup Cost": 1, "Total Cost": 2, "Plan Rows": 500, "Plan Width": 12,
                  "Actual Rows": 500, "Actual Loops": 5000, "Sort Method": "external merge", "Sort Space Used": 2048, "Sort Space Type": "Disk" }
              ]
            },
            "Planning Time": 0.163,
            "JIT": { "Functions": 3, "Options": { "Inlining": false }, "Timing": { "Generation": 0.5, "Inlining": 0.0, "Optimization": 0.3, "Emission": 5.1, "Total": 5.9 } },
            "Execution Time": 502.463
          }
        ]
        """;

    [Test]
    public void Analyzed_plan_is_read_with_its_nodes_in_plan_order()
    {
        var plan = QueryPlan.Parse(Analyzed);

        plan.IsAnalyzed.Should().BeTrue();
        plan.ExecutionTime.Should().Be(502.463);
        plan.Jit!.Timing!.Total.Should().Be(5.9);
        plan.Nodes.Select(static n => n.NodeType).Should().Equal("Nested Loop", "Seq Scan", "Sort");
        var sort = plan.Nodes.Last();
        (sort.SortMethod, sort.SortSpaceType, sort.ActualLoops).Should().Be(("external merge", "Disk", 5000d));
        plan.Nodes.ElementAt(1).QualifiedRelationName.Should().Be("public.customers");
    }

    [Test]
    public void Filter_columns_are_the_scanned_table_columns_in_order_of_appearance()
    {
        var scan = QueryPlan.Parse(Analyzed).Nodes.Single(static n => n.IsSeqScan);

        PlanContext.FilterColumns(scan).Should().Equal(["region", "name"], "r.low belongs to the other side of the join");
    }

    [Test]
    public void Text_that_is_not_explain_output_is_rejected()
    {
        var parse = () => QueryPlan.Parse("""[{"QUERY PLAN": "Seq Scan on t"}]""");

        parse.Should().Throw<System.Text.Json.JsonException>();
    }
}
