namespace PgLint.Reporting;

/// <summary>Writes the outcome of a run in one output format.</summary>
public interface IReporter
{
    /// <summary>Writes the report of <paramref name="context"/> to <paramref name="output"/>.</summary>
    void Write(ReportContext context, TextWriter output);
}
