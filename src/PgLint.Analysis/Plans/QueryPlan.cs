using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PgLint.Analysis.Plans;

/// <summary>
/// The output of <c>EXPLAIN (FORMAT JSON)</c> for one statement: the plan tree and, with
/// <c>ANALYZE</c>, the measured planning, execution and JIT times.
/// </summary>
public sealed class QueryPlan
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The root node of the plan.</summary>
    [JsonPropertyName("Plan")]
    public PlanNode Plan { get; init; } = new();

    /// <summary>Planning time in milliseconds (with <c>ANALYZE</c> or <c>SUMMARY</c>).</summary>
    [JsonPropertyName("Planning Time")]
    public double? PlanningTime { get; init; }

    /// <summary>Execution time in milliseconds (with <c>ANALYZE</c>).</summary>
    [JsonPropertyName("Execution Time")]
    public double? ExecutionTime { get; init; }

    /// <summary>What JIT compilation did, when it ran.</summary>
    [JsonPropertyName("JIT")]
    public JitSummary? Jit { get; init; }

    /// <summary>True when the plan carries measured values (<c>EXPLAIN ANALYZE</c>).</summary>
    [JsonIgnore]
    public bool IsAnalyzed => ExecutionTime is not null;

    /// <summary>Every node of the plan, the root first (depth first, in plan order).</summary>
    [JsonIgnore]
    public IEnumerable<PlanNode> Nodes => Plan.DescendantsAndSelf();

    /// <summary>
    /// Reads what <c>EXPLAIN (FORMAT JSON)</c> returned: a JSON array with one object per statement
    /// (one for a single statement); the first is returned.
    /// </summary>
    /// <exception cref="JsonException">The text is not an EXPLAIN JSON document.</exception>
    public static QueryPlan Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var first = root.ValueKind == JsonValueKind.Array
            ? root.EnumerateArray().FirstOrDefault()
            : root;
        if (first.ValueKind != JsonValueKind.Object || !first.TryGetProperty("Plan", out _))
        {
            throw new JsonException("The text is not EXPLAIN (FORMAT JSON) output: no \"Plan\" object.");
        }

        return first.Deserialize<QueryPlan>(SerializerOptions) ?? throw new JsonException("Empty EXPLAIN output.");
    }
}

/// <summary>One node of a plan (the keys are PostgreSQL 15's EXPLAIN JSON keys).</summary>
public sealed class PlanNode
{
    /// <summary>The node type: <c>Seq Scan</c>, <c>Sort</c>, <c>Nested Loop</c>, <c>Hash</c>, …</summary>
    [JsonPropertyName("Node Type")]
    public string NodeType { get; init; } = string.Empty;

    /// <summary>The role under its parent: <c>Outer</c>, <c>Inner</c>, <c>InitPlan</c>, <c>SubPlan</c>, …</summary>
    [JsonPropertyName("Parent Relationship")]
    public string? ParentRelationship { get; init; }

    /// <summary>The strategy of an aggregate (<c>Plain</c>, <c>Sorted</c>, <c>Hashed</c>, <c>Mixed</c>).</summary>
    [JsonPropertyName("Strategy")]
    public string? Strategy { get; init; }

    /// <summary>The scanned table, for scan nodes.</summary>
    [JsonPropertyName("Relation Name")]
    public string? RelationName { get; init; }

    /// <summary>The scanned table's schema (with <c>VERBOSE</c>).</summary>
    [JsonPropertyName("Schema")]
    public string? Schema { get; init; }

    /// <summary>The alias the query gives the table (its name when none).</summary>
    [JsonPropertyName("Alias")]
    public string? Alias { get; init; }

    /// <summary>The index used by an index scan.</summary>
    [JsonPropertyName("Index Name")]
    public string? IndexName { get; init; }

    /// <summary>The estimated cost before the first row.</summary>
    [JsonPropertyName("Startup Cost")]
    public double StartupCost { get; init; }

    /// <summary>The estimated cost of all rows.</summary>
    [JsonPropertyName("Total Cost")]
    public double TotalCost { get; init; }

    /// <summary>The estimated number of rows per loop.</summary>
    [JsonPropertyName("Plan Rows")]
    public double PlanRows { get; init; }

    /// <summary>The rows per loop actually produced (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Actual Rows")]
    public double? ActualRows { get; init; }

    /// <summary>How many times the node ran (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Actual Loops")]
    public double? ActualLoops { get; init; }

    /// <summary>The filter applied to each row after the scan or join condition.</summary>
    [JsonPropertyName("Filter")]
    public string? Filter { get; init; }

    /// <summary>Rows the filter removed, per loop (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Rows Removed by Filter")]
    public double? RowsRemovedByFilter { get; init; }

    /// <summary>How a sort ran: <c>quicksort</c>, <c>top-N heapsort</c>, <c>external merge</c>, <c>external sort</c> (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Sort Method")]
    public string? SortMethod { get; init; }

    /// <summary>The memory or disk a sort used, in kB (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Sort Space Used")]
    public double? SortSpaceUsed { get; init; }

    /// <summary><c>Memory</c> or <c>Disk</c> (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Sort Space Type")]
    public string? SortSpaceType { get; init; }

    /// <summary>The batches a Hash node used (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Hash Batches")]
    public double? HashBatches { get; init; }

    /// <summary>The batches a Hash node planned (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Original Hash Batches")]
    public double? OriginalHashBatches { get; init; }

    /// <summary>The batches a HashAggregate used (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("HashAgg Batches")]
    public double? HashAggBatches { get; init; }

    /// <summary>The disk a HashAggregate spilled, in kB (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Disk Usage")]
    public double? DiskUsage { get; init; }

    /// <summary>Heap blocks a bitmap heap scan had to recheck row by row (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Lossy Heap Blocks")]
    public double? LossyHeapBlocks { get; init; }

    /// <summary>Heap blocks a bitmap heap scan read exactly (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Exact Heap Blocks")]
    public double? ExactHeapBlocks { get; init; }

    /// <summary>Rows an index-only scan had to look up in the heap (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Heap Fetches")]
    public double? HeapFetches { get; init; }

    /// <summary>Parallel workers the planner asked for (Gather, Gather Merge).</summary>
    [JsonPropertyName("Workers Planned")]
    public double? WorkersPlanned { get; init; }

    /// <summary>Parallel workers that actually started (<c>ANALYZE</c>).</summary>
    [JsonPropertyName("Workers Launched")]
    public double? WorkersLaunched { get; init; }

    /// <summary>The child nodes.</summary>
    [JsonPropertyName("Plans")]
    public ImmutableArray<PlanNode> Plans { get; init; } = [];

    /// <summary>True for a sequential scan (parallel ones included).</summary>
    [JsonIgnore]
    public bool IsSeqScan => NodeType is "Seq Scan";

    /// <summary>All rows produced over all loops (<c>ANALYZE</c>).</summary>
    [JsonIgnore]
    public double? ActualTotalRows => ActualRows * ActualLoops;

    /// <summary>The scanned table as <c>schema.name</c> (or the bare name when the schema is unknown).</summary>
    [JsonIgnore]
    public string? QualifiedRelationName => RelationName is null ? null : Schema is null ? RelationName : $"{Schema}.{RelationName}";

    /// <summary>This node and all nodes below it, depth first.</summary>
    public IEnumerable<PlanNode> DescendantsAndSelf()
    {
        var stack = new Stack<PlanNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            for (var i = node.Plans.Length - 1; i >= 0; i--)
            {
                stack.Push(node.Plans[i]);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => RelationName is null ? NodeType : $"{NodeType} on {QualifiedRelationName}";
}

/// <summary>The <c>JIT</c> section of an analysed plan.</summary>
public sealed class JitSummary
{
    /// <summary>The number of functions compiled.</summary>
    [JsonPropertyName("Functions")]
    public double Functions { get; init; }

    /// <summary>Where the time went, in milliseconds.</summary>
    [JsonPropertyName("Timing")]
    public JitTiming? Timing { get; init; }
}

/// <summary>JIT timings in milliseconds.</summary>
public sealed class JitTiming
{
    /// <summary>Generation, inlining, optimization and emission together.</summary>
    [JsonPropertyName("Total")]
    public double Total { get; init; }
}
