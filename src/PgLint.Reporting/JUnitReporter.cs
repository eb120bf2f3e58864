using System.Globalization;
using System.Xml;
using PgLint.Analysis;

namespace PgLint.Reporting;

/// <summary>
/// JUnit XML for CI systems that show test reports: one test suite per file and one test case per
/// file and rule, failing with every finding of that rule in the file; a clean file is one passing case.
/// </summary>
public sealed class JUnitReporter : IReporter
{
    /// <inheritdoc />
    public void Write(ReportContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var byFile = ReportedDiagnostics.Ordered(context, includeSuppressed: false)
            .GroupBy(d => d.Location.Path is { } path ? ReportedDiagnostics.DisplayPath(context, path) : ReportedDiagnostics.ToolName)
            .ToDictionary(static g => g.Key, static g => g.ToList(), StringComparer.Ordinal);
        var files = context.Result.Documents.Select(d => ReportedDiagnostics.DisplayPath(context, d.Tree.Path))
            .Concat(byFile.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, NewLineChars = "\n" });
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "pglint");
        xml.WriteAttributeString("tests", Count(files.Sum(f => Math.Max(1, Cases(byFile, f).Count()))));
        xml.WriteAttributeString("failures", Count(byFile.Values.Sum(static l => l.Select(static d => d.Id).Distinct().Count())));
        foreach (var file in files)
        {
            var cases = Cases(byFile, file).ToList();
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", file);
            xml.WriteAttributeString("tests", Count(Math.Max(1, cases.Count)));
            xml.WriteAttributeString("failures", Count(cases.Count));
            if (cases.Count == 0)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", file);
                xml.WriteAttributeString("name", "pglint");
                xml.WriteEndElement();
            }

            foreach (var findings in cases)
            {
                var first = findings[0];
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", file);
                xml.WriteAttributeString("name", $"{first.Id} {first.Descriptor.Name}");
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", first.Severity.Name());
                xml.WriteAttributeString("message", findings.Count == 1 ? first.Message : $"{findings.Count} findings: {first.Message}");
                xml.WriteString(string.Join('\n', findings.Select(d => $"{ReportedDiagnostics.Position(context, d)}: {d.Severity.Name()}: {d.Message}")));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.Flush();
        output.WriteLine();
    }

    private static IEnumerable<List<Diagnostic>> Cases(Dictionary<string, List<Diagnostic>> byFile, string file) =>
        byFile.TryGetValue(file, out var findings)
            ? findings.GroupBy(static d => d.Id).OrderBy(static g => g.Key, StringComparer.Ordinal).Select(static g => g.ToList())
            : [];

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
