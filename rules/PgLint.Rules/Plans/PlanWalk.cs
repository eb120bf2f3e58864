using PgLint.Analysis.Plans;

namespace PgLint.Rules.Plans;

/// <summary>Plan walks the plan rules share.</summary>
internal static class PlanWalk
{
    /// <summary>Every node with the number of parallel workers planned by the Gather above it (0 outside one).</summary>
    public static IEnumerable<(PlanNode Node, int Workers)> WithParallelWorkers(PlanNode root)
    {
        var stack = new Stack<(PlanNode, int)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, workers) = stack.Pop();
            yield return (node, workers);
            var below = node.WorkersPlanned is { } planned ? (int)planned : workers;
            for (var i = node.Plans.Length - 1; i >= 0; i--)
            {
                stack.Push((node.Plans[i], below));
            }
        }
    }

    /// <summary>
    /// Every node except those below a <c>Limit</c>: execution stops once the limit is reached, so
    /// their actual rows are cut short and say nothing about the estimate.
    /// </summary>
    public static IEnumerable<PlanNode> RunToCompletion(PlanNode root)
    {
        var stack = new Stack<PlanNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            if (node.NodeType == "Limit")
            {
                continue;
            }

            for (var i = node.Plans.Length - 1; i >= 0; i--)
            {
                stack.Push(node.Plans[i]);
            }
        }
    }
}
