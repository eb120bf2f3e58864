using System.Text.Encodings.Web;
using System.Text.Json;
using PgLint.Analysis;

namespace PgLint.Reporting;

/// <summary>
/// A GitLab Code Quality report: a JSON array of issues with a description, check name, fingerprint,
/// severity and location, which merge requests show in their code quality widget and diff.
/// </summary>
public sealed class GitLabReporter : IReporter
{
    /// <inheritdoc />
    public void Write(ReportContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var issues = ReportedDiagnostics.Ordered(context, includeSuppressed: false)
            .Where(static d => d.Location.IsInSource)
            .Select(d => new Dictionary<string, object>
            {
                ["description"] = $"{d.Message} ({d.Id} {d.Descriptor.Name})",
                ["check_name"] = d.Id,
                ["fingerprint"] = d.Fingerprint ?? string.Empty,
                ["severity"] = d.Severity switch
                {
                    Severity.Error => "critical",
                    Severity.Warning => "major",
                    _ => "info",
                },
                ["location"] = new Dictionary<string, object>
                {
                    ["path"] = ReportedDiagnostics.DisplayPath(context, d.Location.Path!),
                    ["lines"] = new Dictionary<string, int> { ["begin"] = d.Location.LineSpan.Start.Line, ["end"] = d.Location.LineSpan.End.Line },
                },
            });
        output.WriteLine(JsonSerializer.Serialize(issues, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
