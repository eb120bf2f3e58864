using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PgLint.Analysis;

/// <summary>
/// Findings recorded on a given day (by fingerprint), so that a project with many old migrations can
/// adopt the linter and fail only on new findings. A finding whose fingerprint is recorded is
/// reported as unchanged: suppressed with <see cref="SuppressionKind.Baseline"/>. Fingerprints do
/// not depend on line numbers, so code moving around does not turn old findings into new ones.
/// </summary>
public sealed class Baseline
{
    /// <summary>The version of the file format.</summary>
    public const int FormatVersion = 1;

    private readonly FrozenSet<string> _fingerprints;

    private Baseline(string path, IEnumerable<string> fingerprints)
    {
        Path = path;
        _fingerprints = fingerprints.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The number of recorded findings.</summary>
    public int Count => _fingerprints.Count;

    /// <summary>Reads a baseline file.</summary>
    /// <exception cref="ConfigurationException">The file is missing or not a PgLint baseline.</exception>
    public static Baseline Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != FormatVersion
                || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                throw new ConfigurationException($"--baseline: '{path}' is not a version {FormatVersion} PgLint baseline (expected {{\"version\": 1, \"findings\": [...]}}).");
            }

            return new Baseline(path, findings.EnumerateArray()
                .Select(static f => f.TryGetProperty("fingerprint", out var value) ? value.GetString() : null)
                .OfType<string>());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ConfigurationException($"--baseline: cannot read '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>The baseline file text recording every unsuppressed finding of a run that has a fingerprint.</summary>
    public static string Create(LintResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var findings = result.Diagnostics
            .Where(static d => !d.IsSuppressed && d.Fingerprint is not null)
            .OrderBy(static d => d.Location.Path, StringComparer.Ordinal)
            .ThenBy(static d => d.Location.Span.Start)
            .Select(static d => new Dictionary<string, object?>
            {
                ["ruleId"] = d.Id,
                ["path"] = d.Location.Path,
                ["line"] = d.Location.IsInSource ? d.Location.LineSpan.Start.Line : null,
                ["message"] = d.Message,
                ["fingerprint"] = d.Fingerprint,
            });
        var file = new Dictionary<string, object>
        {
            ["version"] = FormatVersion,
            ["findings"] = findings,
        };
        return JsonSerializer.Serialize(file, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>The run with every recorded finding marked unchanged (suppressed by the baseline).</summary>
    public LintResult Apply(LintResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var suppression = new Suppression(SuppressionKind.Baseline, $"recorded in the baseline {Path}", null);
        Diagnostic Mark(Diagnostic d) =>
            !d.IsSuppressed && d.Fingerprint is { } fingerprint && _fingerprints.Contains(fingerprint) ? d.WithSuppression(suppression) : d;

        return result.With(
            [.. result.Documents.Select(doc => doc with { Diagnostics = [.. doc.Diagnostics.Select(Mark)] })],
            [.. result.Unlocated.Select(Mark)]);
    }
}
