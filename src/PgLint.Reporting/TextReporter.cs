using PgLint.Analysis;

namespace PgLint.Reporting;

/// <summary>
/// The human report: for each finding a <c>path:line:col: severity[ID rule-name]: message</c> header,
/// the source with the span underlined, the help link and the fixes, then (with <c>--locks</c>) each
/// file's lock footprint, then a summary line.
/// Suppressed findings are only counted.
/// </summary>
public sealed class TextReporter : IReporter
{
    /// <inheritdoc />
    public void Write(ReportContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var ansi = new Ansi(context.UseColor);
        foreach (var diagnostic in ReportedDiagnostics.Ordered(context, includeSuppressed: false))
        {
            WriteDiagnostic(context, diagnostic, ansi, output);
            output.WriteLine();
        }

        if (context.ShowLocks)
        {
            WriteLocks(context, ansi, output);
        }

        foreach (var line in SummaryLines(context))
        {
            output.WriteLine(line);
        }
    }

    /// <summary>
    /// The summary: <c>N errors, N warnings, N infos in N files (N statements) in T ms</c> (for a live
    /// database <c>in database NAME</c>, and the files when there are any), and on a
    /// second line <c>N suppressed</c> when findings were suppressed, then a <c>note:</c> line per notification.
    /// </summary>
    public static string Summary(ReportContext context) => string.Join(Environment.NewLine, SummaryLines(context));

    private static IEnumerable<string> SummaryLines(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var shown = context.Result.Diagnostics.Where(static d => !d.IsSuppressed).ToList();
        var counts = string.Join(
            ", ",
            Count(shown.Count(static d => d.Severity == Severity.Error), "error"),
            Count(shown.Count(static d => d.Severity == Severity.Warning), "warning"),
            Count(shown.Count(static d => d.Severity == Severity.Info), "info"));
        var files = $"{Count(context.Result.Documents.Length, "file")} ({Count(context.Result.StatementCount, "statement")})";
        var scope = context.Database is not { } database ? files
            : context.Result.Documents.Length == 0 ? $"database {database}"
            : $"database {database} and {files}";
        yield return $"{counts} in {scope} in {(long)context.Elapsed.TotalMilliseconds} ms";

        var suppressed = context.Result.Diagnostics.Length - shown.Count;
        if (suppressed > 0)
        {
            yield return $"{suppressed} suppressed";
        }

        foreach (var notification in context.Notifications)
        {
            yield return $"note: {notification}";
        }
    }

    /// <summary>For each file whose transactions lock existing tables: the file, then one line per transaction.</summary>
    private static void WriteLocks(ReportContext context, Ansi ansi, TextWriter output)
    {
        foreach (var (path, footprint) in LockFootprintReport.Files(context))
        {
            output.WriteLine(ansi.Bold($"{path}: locks"));
            foreach (var line in LockFootprintReport.Describe(footprint))
            {
                output.WriteLine($"  {line}");
            }

            output.WriteLine();
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static void WriteDiagnostic(ReportContext context, Diagnostic diagnostic, Ansi ansi, TextWriter output)
    {
        var severity = diagnostic.Severity;
        output.WriteLine(
            $"{ansi.Bold(ReportedDiagnostics.Position(context, diagnostic) + ":")} "
            + $"{ansi.BoldSeverity(severity, $"{severity.Name()}[{diagnostic.Id} {diagnostic.Descriptor.Name}]")}: {diagnostic.Message.ReplaceLineEndings(" ")}");

        var gutterWidth = diagnostic.Location.IsInSource
            ? CodeFrame.Write(output, diagnostic.Location, underline => ansi.Severity(severity, underline))
            : 1;

        // The notes line up under the gutter's bar.
        var indent = new string(' ', gutterWidth + 2);
        output.WriteLine($"{indent}= help: {diagnostic.Descriptor.HelpUri}");
        foreach (var fix in diagnostic.Fixes)
        {
            var notInTransaction = fix.ValidInTransactionBlock ? string.Empty : " (not valid inside a transaction block)";
            var safety = fix.Safety == FixSafety.Unsafe ? " [unsafe]" : string.Empty;
            output.WriteLine($"{indent}= fix: {fix.Title}{notInTransaction}{safety}");
        }
    }
}
