using System.Collections.Immutable;

namespace PgLint.Analysis;

/// <summary>
/// Findings made outside the syntax walk (plan rules on EXPLAIN output), handed to
/// <see cref="LintEngine.Run(IReadOnlyList{MigrationSetInput}, ExternalFindings, CancellationToken, IProgress{LintProgress})"/>
/// so that severities, suppression comments and fingerprints apply to them as to any other finding.
/// </summary>
/// <param name="Diagnostics">The findings, located in the files being linted.</param>
/// <param name="RulesRun">The ids of the external rules that ran: a suppression comment naming one that found nothing is PG0003; one naming a rule that could not run is not.</param>
public sealed record ExternalFindings(ImmutableArray<Diagnostic> Diagnostics, ImmutableHashSet<string> RulesRun)
{
    /// <summary>No external findings, no external rule run.</summary>
    public static ExternalFindings None { get; } = new([], []);
}
