using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using PgLint.Syntax;

namespace PgLint.Analysis;

/// <summary>
/// Stable identities for findings: the rule, the file, the statement's tokens (comments and
/// layout ignored) and the flagged text, numbered when the same key repeats. Lines play no part,
/// so adding or moving unrelated code leaves a finding's fingerprint unchanged.
/// </summary>
public static class Fingerprints
{
    /// <summary>The version prefix of the scheme.</summary>
    public const string Version = "pglint/v1";

    internal static ImmutableArray<Diagnostic> Assign(SyntaxTree tree, List<Diagnostic> diagnostics)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var builder = ImmutableArray.CreateBuilder<Diagnostic>(diagnostics.Count);
        foreach (var diagnostic in diagnostics.OrderBy(static d => d.Location.Span.Start).ThenBy(static d => d.Id, StringComparer.Ordinal))
        {
            var key = Key(tree, diagnostic);
            var occurrence = seen.TryGetValue(key, out var count) ? count + 1 : 0;
            seen[key] = occurrence;
            builder.Add(diagnostic.WithFingerprint(occurrence == 0 ? key : $"{key}:{occurrence}"));
        }

        return builder.MoveToImmutable();
    }

    private static string Key(SyntaxTree tree, Diagnostic diagnostic)
    {
        var source = tree.Source;
        var span = diagnostic.Location.Span;
        var statement = tree.Statements.FirstOrDefault(s => s.Span.Contains(span.Start) || s.Span.Start == span.Start);
        var text = new StringBuilder();
        text.Append(diagnostic.Id).Append('\n').Append(source.Path.Replace('\\', '/')).Append('\n');
        if (statement is not null && !statement.Tokens.IsDefaultOrEmpty)
        {
            foreach (var token in statement.Tokens)
            {
                if (!token.IsComment)
                {
                    text.Append(source.ToString(source.GetSpanFromBytes(token.ByteStart, token.ByteEnd))).Append(' ');
                }
            }
        }
        else
        {
            text.Append(source.GetLineText(diagnostic.Location.LineSpan.Start.Line).Trim());
        }

        text.Append('\n').Append(string.Join(' ', source.ToString(span).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
