using PgLint.Analysis;
using PgLint.Syntax;

namespace PgLint.Testing;

/// <summary>Renders diagnostics and sources for failure messages.</summary>
internal static class Rendering
{
    public static string Diagnostic(Diagnostic diagnostic) =>
        $"{Span(diagnostic.Location.LineSpan)} {diagnostic.Id} {diagnostic.Message}{(diagnostic.IsSuppressed ? " (suppressed)" : string.Empty)}";

    public static string Expected(SourceText source, string id, TextSpan span) =>
        $"{Span(source.GetLinePositionSpan(span))} {id} «{Excerpt(source.ToString(span))}»";

    public static string Span(LinePositionSpan span) => $"{span.Start.Line}:{span.Start.Column}-{span.End.Line}:{span.End.Column}";

    public static string List(IEnumerable<string> lines, string prefix = "  ")
    {
        var list = lines.ToList();
        return list.Count == 0 ? prefix + "(none)" : string.Join(Environment.NewLine, list.Select(l => prefix + l));
    }

    public static string NumberedSource(string text)
    {
        var lines = text.Split('\n');
        var width = lines.Length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        return string.Join(Environment.NewLine, lines.Select((line, i) => $"  {(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)} | {line.TrimEnd('\r')}"));
    }

    private static string Excerpt(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 60 ? flat : flat[..57] + "...";
    }
}
