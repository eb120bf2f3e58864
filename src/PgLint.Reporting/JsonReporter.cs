using System.Text.Encodings.Web;
using System.Text.Json;
using PgLint.Analysis;

namespace PgLint.Reporting;

/// <summary>
/// PgLint's own stable JSON (documented in <c>docs/output-formats.md</c>, schema version 1): a summary
/// and one object per finding with 1-based positions, UTF-8 byte offsets into the file (a byte order
/// mark included), the fingerprint, the suppression and the fixes.
/// </summary>
public sealed class JsonReporter : IReporter
{
    /// <summary>The version of the format; it changes only when a field changes meaning or is removed.</summary>
    public const int FormatVersion = 1;

    /// <inheritdoc />
    public void Write(ReportContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var all = ReportedDiagnostics.Ordered(context, includeSuppressed: true);
            var shown = all.Where(static d => !d.IsSuppressed).ToList();
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", "pglint");
            json.WriteString("version", context.ToolVersion);
            json.WriteEndObject();
            json.WriteStartObject("summary");
            json.WriteNumber("errors", shown.Count(static d => d.Severity == Severity.Error));
            json.WriteNumber("warnings", shown.Count(static d => d.Severity == Severity.Warning));
            json.WriteNumber("infos", shown.Count(static d => d.Severity == Severity.Info));
            json.WriteNumber("suppressed", all.Count - shown.Count);
            json.WriteNumber("files", context.Result.Documents.Length);
            json.WriteNumber("statements", context.Result.StatementCount);
            json.WriteEndObject();
            json.WriteStartArray("diagnostics");
            foreach (var diagnostic in all)
            {
                WriteDiagnostic(json, context, diagnostic);
            }

            json.WriteEndArray();
            json.WritePropertyName("locks");
            LockFootprintReport.ToJson(context).WriteTo(json);
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteDiagnostic(Utf8JsonWriter json, ReportContext context, Diagnostic diagnostic)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", diagnostic.Id);
        json.WriteString("ruleName", diagnostic.Descriptor.Name);
        json.WriteString("severity", diagnostic.Severity.Name());
        json.WriteString("message", diagnostic.Message);
        var location = diagnostic.Location;
        if (location.Source is { } source)
        {
            json.WriteString("path", ReportedDiagnostics.DisplayPath(context, source.Path));
            WriteRange(json, source, location.Span);
        }

        if (location.Logical is { } logical)
        {
            json.WriteStartObject("object");
            json.WriteString("kind", logical.Kind);
            json.WriteString("name", logical.FullyQualifiedName);
            json.WriteEndObject();
        }

        if (diagnostic.Fingerprint is { } fingerprint)
        {
            json.WriteString("fingerprint", fingerprint);
        }

        json.WriteBoolean("suppressed", diagnostic.IsSuppressed);
        if (diagnostic.Suppression is { } suppression)
        {
            json.WriteStartObject("suppression");
            json.WriteString("kind", suppression.Kind == SuppressionKind.Baseline ? "baseline" : "inSource");
            json.WriteString("justification", suppression.Justification);
            json.WriteEndObject();
        }

        json.WriteStartArray("fixes");
        foreach (var fix in diagnostic.Fixes)
        {
            json.WriteStartObject();
            json.WriteString("title", fix.Title);
            json.WriteString("safety", fix.Safety == FixSafety.Safe ? "safe" : "unsafe");
            json.WriteBoolean("validInTransactionBlock", fix.ValidInTransactionBlock);
            json.WriteStartArray("edits");
            foreach (var edit in fix.Edits)
            {
                json.WriteStartObject();
                WriteRange(json, location.Source!, edit.Span);
                json.WriteString("newText", edit.NewText);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (!diagnostic.Properties.IsEmpty)
        {
            json.WriteStartObject("properties");
            foreach (var (key, value) in diagnostic.Properties.OrderBy(static p => p.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter json, Syntax.SourceText source, Syntax.TextSpan span)
    {
        var lines = source.GetLinePositionSpan(span);
        json.WriteNumber("line", lines.Start.Line);
        json.WriteNumber("column", lines.Start.Column);
        json.WriteNumber("endLine", lines.End.Line);
        json.WriteNumber("endColumn", lines.End.Column);
        var bom = source.HasByteOrderMark ? 3 : 0;
        var start = source.GetByteOffset(span.Start);
        json.WriteNumber("byteOffset", bom + start);
        json.WriteNumber("byteLength", source.GetByteOffset(span.End) - start);
    }
}
