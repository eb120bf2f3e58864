using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Health;

/// <summary>
/// PG9901: when a sequence reaches its <c>MAXVALUE</c> (or <c>MINVALUE</c> going down),
/// <c>nextval</c> fails and every insert that needs a new key fails with it. An <c>integer</c> serial
/// or identity column runs out at 2,147,483,647; widening it later rewrites the table under an
/// ACCESS EXCLUSIVE lock, which takes time to plan, so the warning comes early.
/// </summary>
/// <remarks>
/// Runs over a live database only (<c>pglint db</c>) and reads <c>pg_sequences.last_value</c>. The usable range is the sequence's own, narrowed
/// to the owning column's type when that is smaller (an <c>integer</c> column fed by a <c>bigint</c>
/// sequence fails at the column's limit). Not reported: sequences never used, and <c>CYCLE</c>
/// sequences, which wrap around by design.
/// </remarks>
public sealed class SequenceNearExhaustion : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9901",
        "sequence-near-exhaustion",
        "Widen sequences before they run out",
        "Sequence {0}{1} has used {2}% of its range (last value {3}, limit {4}); nextval() fails when it runs out.",
        RuleCategory.Health,
        Severity.Warning,
        description: "A sequence past most of its range will soon make nextval() and every insert that needs a new key fail.",
        options: [new RuleOption("thresholdPercent", RuleOptionKind.Integer, 75, "The share of the range used above which a sequence is reported.")]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        if (!context.IsLiveDatabase || context.Statistics is not { } statistics)
        {
            return;
        }

        var threshold = context.Options.GetInt32(Rule, "thresholdPercent");
        foreach (var sequence in statistics.Sequences)
        {
            if (sequence.Cycles || sequence.LastValue is not { } last || sequence.Increment == 0)
            {
                continue;
            }

            var (low, high) = (sequence.MinValue, sequence.MaxValue);
            if (ColumnRange(sequence.OwnedByType) is { } column)
            {
                (low, high) = (Math.Max(low, column.Min), Math.Min(high, column.Max));
            }

            // Going up, the range starts at MINVALUE; going down, at MAXVALUE.
            var ascending = sequence.Increment > 0;
            var span = (double)high - low;
            var used = ascending ? (double)last - low : (double)high - last;
            if (span <= 0 || used / span * 100 < threshold)
            {
                continue;
            }

            var owner = sequence.OwnedBy is { } owning ? $" (feeding {owning}{(sequence.OwnedByType is { } type ? " " + type : string.Empty)})" : string.Empty;
            var percent = Math.Min(100, Math.Floor(used / span * 100));
            context.ReportAt(Rule, LogicalLocation.Of("sequence", sequence.QualifiedName), sequence.QualifiedName.ToString(), owner, percent, last, ascending ? high : low);
        }
    }

    private static (long Min, long Max)? ColumnRange(string? type) => type switch
    {
        "smallint" => (short.MinValue, short.MaxValue),
        "integer" => (int.MinValue, int.MaxValue),
        "bigint" => (long.MinValue, long.MaxValue),
        _ => null,
    };
}
