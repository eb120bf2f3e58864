using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace Throwing.PgLint.Rules;

/// <summary>THROW001: throws on every index, as a buggy rule would.</summary>
public sealed class ThrowingRule : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new("THROW001", "throws-on-indexes", "Throw on indexes", "Never reported.", "test", Severity.Error);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<IndexStmt>(static _ => throw new InvalidOperationException("the rule pack has a bug"));
}

/// <summary>THROW002: reports every statement, next to the throwing rule.</summary>
public sealed class WorkingRule : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new("THROW002", "reports-statements", "Report statements", "{0}", "test", Severity.Warning);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterStatementAction(static c => c.ReportOnStatement(Rule, Plugin.Helpers.Wording.Statement));
}
