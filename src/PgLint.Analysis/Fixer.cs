using System.Collections.Immutable;
using PgLint.Syntax;

namespace PgLint.Analysis;

/// <summary>What fixing did to one file.</summary>
/// <param name="Original">The file before.</param>
/// <param name="FixedText">The text after every accepted fix (equal to the original text when none applied).</param>
/// <param name="Applied">The titles of the fixes applied, in order.</param>
/// <param name="Refused">Why fixing stopped early for this file (a fix made it unparsable), or null.</param>
public sealed record FixOutcome(SourceText Original, string FixedText, ImmutableArray<string> Applied, string? Refused)
{
    /// <summary>True when the text changed.</summary>
    public bool Changed => !string.Equals(Original.Text, FixedText, StringComparison.Ordinal);
}

/// <summary>
/// Applies the fixes of findings until nothing more changes: each pass lints the migration sets with
/// the texts fixed so far (so a fix sees the same context as the finding), applies every accepted,
/// non-overlapping fix, and keeps a file's new text only when it parses at least as well as before.
/// </summary>
public static class Fixer
{
    /// <summary>Fixes the sets; <paramref name="accept"/> chooses fixes (e.g. safe ones only).</summary>
    public static ImmutableArray<FixOutcome> Run(
        LintEngine engine,
        IReadOnlyList<MigrationSetInput> sets,
        Func<Diagnostic, Fix, bool> accept,
        int maxPasses = 10,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(accept);
        var originals = sets.SelectMany(static s => s.Files).ToList();
        var current = originals.ToDictionary(static f => f, static f => f);
        var applied = originals.ToDictionary(static f => f, static _ => ImmutableArray.CreateBuilder<string>());
        var refused = new Dictionary<SourceText, string>();
        for (var pass = 0; pass < maxPasses; pass++)
        {
            var result = engine.Run([.. sets.Select(s => s with { Files = [.. s.Files.Select(f => current[f])] })], cancellationToken);
            var changed = false;
            foreach (var (original, document) in originals.Zip(result.Documents))
            {
                if (refused.ContainsKey(original))
                {
                    continue;
                }

                var fixes = document.Diagnostics
                    .Where(static d => !d.IsSuppressed)
                    .SelectMany(d => d.Fixes.Take(1).Where(f => accept(d, f)))
                    .ToList();
                var text = current[original].Text;
                var fixedText = Apply(text, fixes, out var titles);
                if (titles.Count == 0 || string.Equals(fixedText, text, StringComparison.Ordinal))
                {
                    continue;
                }

                var candidate = SourceText.From(fixedText, original.Path);
                if (SyntaxErrors(candidate) > SyntaxErrors(current[original]))
                {
                    refused[original] = $"a fix ({string.Join("; ", titles)}) would leave a statement PostgreSQL cannot parse; the file was left as it was after the previous fixes";
                    continue;
                }

                current[original] = candidate;
                applied[original].AddRange(titles);
                changed = true;
            }

            if (!changed)
            {
                break;
            }
        }

        return [.. originals.Select(o => new FixOutcome(o, current[o].Text, applied[o].ToImmutable(), refused.GetValueOrDefault(o)))];
    }

    /// <summary>Applies fixes in order of position, skipping any fix with an edit that touches an edit already taken.</summary>
    public static string Apply(string text, IEnumerable<Fix> fixes, out IReadOnlyList<string> applied)
    {
        ArgumentNullException.ThrowIfNull(text);
        var taken = new List<TextEdit>();
        var titles = new List<string>();
        foreach (var fix in fixes.OrderBy(static f => f.Edits.IsEmpty ? int.MaxValue : f.Edits[0].Span.Start))
        {
            if (fix.Edits.IsEmpty || fix.Edits.Any(e => e.Span.End > text.Length || taken.Any(t => Touches(t.Span, e.Span))))
            {
                continue;
            }

            taken.AddRange(fix.Edits);
            titles.Add(fix.Title);
        }

        applied = titles;
        return new Fix("all", taken).ApplyTo(text);
    }

    private static bool Touches(TextSpan a, TextSpan b) =>
        a.OverlapsWith(b) || (a.IsEmpty && b.Contains(a.Start)) || (b.IsEmpty && a.Contains(b.Start)) || (a.IsEmpty && b.IsEmpty && a.Start == b.Start);

    private static int SyntaxErrors(SourceText text) => SqlParser.Parse(text).Statements.Count(static s => s.Error is not null);
}
