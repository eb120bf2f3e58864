using PgLint.Analysis;

namespace PgLint.Reporting;

/// <summary>
/// GitHub Actions workflow commands (<c>::warning file=…,line=…,col=…,title=…::message</c>), which show
/// as annotations on the pull request's changed lines. Info findings are notices.
/// </summary>
public sealed class GitHubReporter : IReporter
{
    /// <inheritdoc />
    public void Write(ReportContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var diagnostic in ReportedDiagnostics.Ordered(context, includeSuppressed: false))
        {
            var command = diagnostic.Severity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                _ => "notice",
            };
            var title = Property($"{diagnostic.Id} {diagnostic.Descriptor.Name}");
            var location = diagnostic.Location;
            if (location.Path is { } path)
            {
                var lines = location.LineSpan;
                output.WriteLine(
                    $"::{command} file={Property(ReportedDiagnostics.DisplayPath(context, path))},line={lines.Start.Line},col={lines.Start.Column}," +
                    $"endLine={lines.End.Line},endColumn={lines.End.Column},title={title}::{Data(diagnostic.Message)}");
            }
            else
            {
                output.WriteLine($"::{command} title={title}::{Data(ReportedDiagnostics.Position(context, diagnostic) + ": " + diagnostic.Message)}");
            }
        }
    }

    /// <summary>Escapes a command's message as the runner expects.</summary>
    public static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a command property value (also <c>:</c> and <c>,</c>).</summary>
    public static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
