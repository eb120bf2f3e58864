using PgLint.Analysis;

namespace PgLint.Reporting;

/// <summary>What every reporter shows the same way: the order of findings, their paths and positions.</summary>
internal static class ReportedDiagnostics
{
    /// <summary>What a finding without a file is reported under, when it has no database object either.</summary>
    public const string ToolName = "pglint";

    /// <summary>The findings ordered by path, then position; findings without a file come last.</summary>
    public static IReadOnlyList<Diagnostic> Ordered(ReportContext context, bool includeSuppressed) =>
        [.. context.Result.Diagnostics
            .Where(d => includeSuppressed || !d.IsSuppressed)
            .OrderBy(static d => d.Location.IsInSource ? 0 : 1)
            .ThenBy(d => d.Location.Path is { } path ? DisplayPath(context, path) : string.Empty, StringComparer.Ordinal)
            .ThenBy(static d => d.Location.Span.Start)
            .ThenBy(static d => d.Location.Span.End)
            .ThenBy(static d => d.Id, StringComparer.Ordinal)
            .ThenBy(static d => d.Message, StringComparer.Ordinal)];

    /// <summary>
    /// A file's path as shown to the user: relative to the base directory with <c>/</c> separators
    /// when inside it, otherwise the full path.
    /// </summary>
    public static string DisplayPath(ReportContext context, string path) =>
        TryGetRelativePath(context.BaseDirectory, path, out var relative) ? relative : Path.GetFullPath(path, context.BaseDirectory);

    /// <summary>The path of a file relative to <paramref name="baseDirectory"/>, with <c>/</c> separators; false when outside it.</summary>
    public static bool TryGetRelativePath(string baseDirectory, string path, out string relative)
    {
        var full = Path.GetFullPath(path, baseDirectory);
        relative = Path.GetRelativePath(baseDirectory, full);
        if (relative == ".." || Path.IsPathRooted(relative)
            || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("../", StringComparison.Ordinal))
        {
            return false;
        }

        relative = relative.Replace(Path.DirectorySeparatorChar, '/');
        return true;
    }

    /// <summary>Where a finding is, as <c>path:line:col</c>, or the database object with its kind (<c>table public.orders</c>), or the tool's name.</summary>
    public static string Position(ReportContext context, Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        return location.Path is { } path
            ? $"{DisplayPath(context, path)}:{location.LineSpan.Start.Line}:{location.LineSpan.Start.Column}"
            : location.Logical is { } logical ? $"{logical.Kind} {logical.FullyQualifiedName}" : ToolName;
    }

    /// <summary>The severity as the text report names it.</summary>
    public static string Name(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };
}
