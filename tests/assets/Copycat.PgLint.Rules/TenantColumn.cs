using System.Collections.Immutable;
using PgLint.Analysis;

namespace Copycat.PgLint.Rules;

/// <summary>Another team's ACME001.</summary>
public sealed class TenantColumn : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new("ACME001", "tenant-column", "Add a tenant column", "No tenant column.", "test", Severity.Error);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
    }
}
