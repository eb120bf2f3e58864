namespace Incompatible.PgLint.Rules;

/// <summary>A rule written for SDK 9.</summary>
public sealed class FutureRule : global::PgLint.Analysis.Analyzer
{
    /// <inheritdoc />
    public override void Initialize(object context)
    {
    }
}
