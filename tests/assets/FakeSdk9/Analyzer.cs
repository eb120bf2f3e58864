namespace PgLint.Analysis;

/// <summary>The analyzer base class of the imagined SDK 9.</summary>
public abstract class Analyzer
{
    /// <summary>Registers the analyzer's actions.</summary>
    public abstract void Initialize(object context);
}
