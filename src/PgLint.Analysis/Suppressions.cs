using System.Text.RegularExpressions;
using PgLint.Syntax;

namespace PgLint.Analysis;

/// <summary>The kinds of suppression comment.</summary>
public enum SuppressionScope
{
    /// <summary><c>pglint-disable-next-line</c>: the next line, and the statement that starts on it.</summary>
    NextLine,

    /// <summary><c>pglint-disable-line</c>: the comment's own line, and the statement that starts on it.</summary>
    Line,

    /// <summary><c>pglint-disable</c>: from the comment to the matching <c>pglint-enable</c> or the end of the file.</summary>
    Region,

    /// <summary><c>pglint-enable</c>: ends a region.</summary>
    Enable,

    /// <summary><c>pglint-disable-file</c>: the whole file.</summary>
    File,
}

/// <summary>A parsed suppression comment.</summary>
/// <param name="Scope">Its kind.</param>
/// <param name="Rules">The rule ids or names it names; empty means every rule.</param>
/// <param name="Justification">The text after a second <c>--</c>, or null.</param>
/// <param name="Comment">The comment.</param>
public sealed record SuppressionDirective(SuppressionScope Scope, IReadOnlyList<string> Rules, string? Justification, SqlComment Comment)
{
    private static readonly Regex Pattern = new(
        @"^(?:--|/\*)\s*pglint-(?<kind>disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$|\*/)(?<rest>.*?)(?:\*/)?\s*$",
        RegexOptions.Singleline | RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    /// <summary>Parses a comment; null when it is not a suppression.</summary>
    public static SuppressionDirective? TryParse(SqlComment comment)
    {
        var match = Pattern.Match(comment.Text);
        if (!match.Success)
        {
            return null;
        }

        var scope = match.Groups["kind"].Value switch
        {
            "disable-next-line" => SuppressionScope.NextLine,
            "disable-line" => SuppressionScope.Line,
            "disable-file" => SuppressionScope.File,
            "disable" => SuppressionScope.Region,
            _ => SuppressionScope.Enable,
        };
        var rest = match.Groups["rest"].Value;
        string? justification = null;
        var dashes = rest.IndexOf("--", StringComparison.Ordinal);
        if (dashes >= 0)
        {
            justification = rest[(dashes + 2)..].Trim();
            rest = rest[..dashes];
            if (justification.Length == 0)
            {
                justification = null;
            }
        }

        var rules = rest.Split([',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return new SuppressionDirective(scope, rules, justification, comment);
    }
}

/// <summary>Applies a file's suppression comments to its findings and reports PG0003 for useless ones.</summary>
internal static class SuppressionProcessor
{
    public static List<Diagnostic> Apply(SyntaxTree tree, List<Diagnostic> diagnostics, LintSettings settings, Func<DiagnosticDescriptor, bool>? ran = null)
    {
        var directives = tree.Comments.Select(SuppressionDirective.TryParse).OfType<SuppressionDirective>().ToList();
        if (directives.Count == 0)
        {
            return diagnostics;
        }

        var source = tree.Source;
        var registry = settings.Registry;
        var result = new List<Diagnostic>(diagnostics.Count);
        var used = new HashSet<(SuppressionDirective, string)>();
        var usedAll = new HashSet<SuppressionDirective>();
        var statementStarts = tree.Statements.Select(s => (s.Span, Line: source.GetLinePosition(s.Span.Start).Line)).ToList();

        foreach (var diagnostic in diagnostics)
        {
            var line = diagnostic.Location.LineSpan.Start.Line;
            var statementLine = statementStarts.FirstOrDefault(s => s.Span.Contains(diagnostic.Location.Span.Start) || s.Span.Start == diagnostic.Location.Span.Start).Line;
            SuppressionDirective? match = null;
            foreach (var directive in directives)
            {
                if (!Names(directive, diagnostic.Descriptor, registry) || !Covers(directive, diagnostic, line, statementLine, directives, registry, source))
                {
                    continue;
                }

                match = directive;
                if (directive.Rules.Count == 0)
                {
                    usedAll.Add(directive);
                }
                else
                {
                    used.Add((directive, diagnostic.Id));
                }

                break;
            }

            result.Add(match is null
                ? diagnostic
                : diagnostic.WithSuppression(new Suppression(SuppressionKind.InSource, match.Justification, Location.Create(source, match.Comment.Span))));
        }

        if (!settings.IsEnabled(ToolDiagnostics.UnusedSuppression))
        {
            return result;
        }

        var useless = new List<(SuppressionDirective Directive, string? Rule, Diagnostic Diagnostic)>();
        foreach (var directive in directives.Where(static d => d.Scope != SuppressionScope.Enable))
        {
            ReportUseless(directive, used, usedAll, settings, ran ?? (static _ => true), source, useless);
        }

        // A useless suppression is itself a finding (PG0003) that a comment naming PG0003 may suppress;
        // such a comment is then used, and not reported as useless in turn.
        var usedForPg0003 = new HashSet<SuppressionDirective>();
        var pg0003 = new List<(SuppressionDirective Directive, string? Rule, Diagnostic Diagnostic)>();
        foreach (var (about, rule, diagnostic) in useless)
        {
            var line = diagnostic.Location.LineSpan.Start.Line;
            var by = directives.FirstOrDefault(d => d != about
                && d.Rules.Any(r => registry.Find(r)?.Id == ToolDiagnostics.UnusedSuppression.Id)
                && Covers(d, diagnostic, line, statementLine: -1, directives, registry, source));
            if (by is not null)
            {
                usedForPg0003.Add(by);
            }

            pg0003.Add((about, rule, by is null
                ? diagnostic
                : diagnostic.WithSuppression(new Suppression(SuppressionKind.InSource, by.Justification, Location.Create(source, by.Comment.Span)))));
        }

        result.AddRange(pg0003
            .Where(u => !(usedForPg0003.Contains(u.Directive) && registry.Find(u.Rule ?? string.Empty)?.Id == ToolDiagnostics.UnusedSuppression.Id))
            .Select(static u => u.Diagnostic));
        return result;
    }

    private static void ReportUseless(
        SuppressionDirective directive,
        HashSet<(SuppressionDirective, string)> used,
        HashSet<SuppressionDirective> usedAll,
        LintSettings settings,
        Func<DiagnosticDescriptor, bool> ran,
        SourceText source,
        List<(SuppressionDirective Directive, string? Rule, Diagnostic Diagnostic)> result)
    {
        var kind = "pglint-" + directive.Scope switch
        {
            SuppressionScope.NextLine => "disable-next-line",
            SuppressionScope.Line => "disable-line",
            SuppressionScope.File => "disable-file",
            _ => "disable",
        };
        var location = Location.Create(source, directive.Comment.Span);
        var state = settings.GetState(ToolDiagnostics.UnusedSuppression);
        if (directive.Rules.Count == 0)
        {
            if (!usedAll.Contains(directive))
            {
                result.Add((directive, null, Diagnostic.Create(ToolDiagnostics.UnusedSuppression, location, $"This {kind} comment suppresses nothing").WithSeverity(state.Severity)));
            }

            return;
        }

        foreach (var rule in directive.Rules)
        {
            var descriptor = settings.Registry.Find(rule);
            string? message = null;
            if (descriptor is null)
            {
                message = $"This {kind} comment names '{rule}', which is not a known rule id or name";
            }
            else if (settings.IsEnabled(descriptor) && ran(descriptor) && !used.Contains((directive, descriptor.Id)))
            {
                // A suppression of a rule that is off in this configuration, or that this run could not apply (a plan
                // rule without a database), could not have been used; it is not reported.
                message = $"This {kind} comment suppresses no {descriptor.Id} ({descriptor.Name}) finding";
            }

            if (message is not null)
            {
                result.Add((directive, rule, Diagnostic.Create(ToolDiagnostics.UnusedSuppression, location, message).WithSeverity(state.Severity)));
            }
        }
    }

    private static bool Names(SuppressionDirective directive, DiagnosticDescriptor descriptor, RuleRegistry registry) =>
        directive.Rules.Count == 0 || directive.Rules.Any(r => registry.Find(r)?.Id == descriptor.Id);

    private static bool Covers(
        SuppressionDirective directive,
        Diagnostic diagnostic,
        int line,
        int statementLine,
        List<SuppressionDirective> all,
        RuleRegistry registry,
        SourceText source)
    {
        var commentStart = source.GetLinePosition(directive.Comment.Span.Start).Line;
        var commentEnd = source.GetLinePosition(directive.Comment.Span.End).Line;
        switch (directive.Scope)
        {
            case SuppressionScope.File:
                return true;
            case SuppressionScope.NextLine:
                return line == commentEnd + 1 || statementLine == commentEnd + 1;
            case SuppressionScope.Line:
                return line == commentStart || statementLine == commentStart;
            case SuppressionScope.Region:
                if (diagnostic.Location.Span.Start < directive.Comment.Span.End)
                {
                    return false;
                }

                // The region ends at the first later pglint-enable naming the rule (or naming none).
                var end = all.FirstOrDefault(d => d.Scope == SuppressionScope.Enable
                    && d.Comment.Span.Start > directive.Comment.Span.Start
                    && Names(d, diagnostic.Descriptor, registry));
                return end is null || diagnostic.Location.Span.Start < end.Comment.Span.Start;
            default:
                return false;
        }
    }
}
