using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using PgLint.Analysis;
using PgLint.Syntax;

namespace PgLint.Testing;

/// <summary>A span the markup expects a diagnostic at.</summary>
/// <param name="Id">The rule id, or null for the analyzer's first rule (<c>[|…|]</c>).</param>
/// <param name="Span">The span in the SQL without markup.</param>
public sealed record ExpectedDiagnostic(string? Id, TextSpan Span);

/// <summary>
/// SQL with inline markers for expected diagnostics: <c>[|…|]</c> for the analyzer's (first) rule,
/// <c>{|PG1001:…|}</c> for an explicit rule id. Markers may nest; the markers themselves are removed
/// to give the SQL that is linted.
/// </summary>
public sealed partial class TestMarkup
{
    private TestMarkup(string source, ImmutableArray<ExpectedDiagnostic> expected)
    {
        Source = source;
        Expected = expected;
    }

    /// <summary>The SQL without markers.</summary>
    public string Source { get; }

    /// <summary>The marked spans, in source order.</summary>
    public ImmutableArray<ExpectedDiagnostic> Expected { get; }

    /// <summary>Parses markup.</summary>
    /// <exception cref="VerificationException">A marker is not closed, or closed without being opened.</exception>
    public static TestMarkup Parse(string markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        var text = new StringBuilder(markup.Length);
        var open = new Stack<(string? Id, int Start, char Close)>();
        var expected = new List<ExpectedDiagnostic>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (string.CompareOrdinal(markup, i, "[|", 0, 2) == 0)
            {
                open.Push((null, text.Length, ']'));
                i++;
            }
            else if (markup[i] == '{' && OpenWithId().Match(markup, i) is { Success: true } match)
            {
                open.Push((match.Groups["id"].Value, text.Length, '}'));
                i += match.Length - 1;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && open.TryPeek(out var top) && markup[i + 1] == top.Close)
            {
                open.Pop();
                expected.Add(new ExpectedDiagnostic(top.Id, TextSpan.FromBounds(top.Start, text.Length)));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new VerificationException($"The markup opens a span at offset {open.Peek().Start} that is never closed with |{open.Peek().Close}.");
        }

        return new TestMarkup(text.ToString(), [.. expected.OrderBy(static e => e.Span).ThenBy(static e => e.Id, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Writes diagnostics into a source as markup, the form a test would expect them in: <c>[|…|]</c>
    /// for <paramref name="defaultId"/>, <c>{|ID:…|}</c> for the others.
    /// </summary>
    public static string Render(string source, IEnumerable<(string Id, TextSpan Span)> diagnostics, string? defaultId)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        // At one position: closers first, then openers of longer spans before shorter ones.
        var markers = diagnostics
            .SelectMany(d => new[]
            {
                (Position: d.Span.Start, Order: 1, Length: -d.Span.Length, Text: d.Id == defaultId ? "[|" : "{|" + d.Id + ":"),
                (Position: d.Span.End, Order: 0, Length: d.Span.Length, Text: d.Id == defaultId ? "|]" : "|}"),
            })
            .OrderBy(static m => m.Position)
            .ThenBy(static m => m.Order)
            .ThenBy(static m => m.Length);
        var builder = new StringBuilder(source.Length + 64);
        var position = 0;
        foreach (var marker in markers)
        {
            builder.Append(source, position, marker.Position - position).Append(marker.Text);
            position = marker.Position;
        }

        return builder.Append(source, position, source.Length - position).ToString();
    }

    [GeneratedRegex(@"\G\{\|(?<id>[A-Za-z][A-Za-z0-9_-]*):")]
    private static partial Regex OpenWithId();
}
