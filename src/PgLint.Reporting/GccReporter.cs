namespace PgLint.Reporting;

/// <summary>
/// One line per finding, <c>path:line:col: severity: message [ID]</c>, as compilers print them, so
/// editors' and CI problem matchers pick them up. Info findings are <c>note</c>s; suppressed ones are left out.
/// </summary>
public sealed class GccReporter : IReporter
{
    /// <inheritdoc />
    public void Write(ReportContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var diagnostic in ReportedDiagnostics.Ordered(context, includeSuppressed: false))
        {
            var severity = diagnostic.Severity switch
            {
                Analysis.Severity.Error => "error",
                Analysis.Severity.Warning => "warning",
                _ => "note",
            };
            output.WriteLine($"{ReportedDiagnostics.Position(context, diagnostic)}: {severity}: {diagnostic.Message.ReplaceLineEndings(" ")} [{diagnostic.Id}]");
        }
    }
}
