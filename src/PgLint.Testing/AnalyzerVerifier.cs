using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using PgLint.Analysis;
using PgLint.Syntax;

namespace PgLint.Testing;

/// <summary>
/// Verifies one analyzer against SQL with inline markers (<see cref="TestMarkup"/>). Every rule of the
/// analyzer is enabled, off-by-default ones included. Besides the expected ids, spans and (optionally)
/// messages, every call checks that linting twice gives the same result and that a
/// <c>pglint-disable-next-line</c> comment above each finding's statement silences it.
/// </summary>
/// <typeparam name="TAnalyzer">The analyzer under test.</typeparam>
/// <example>
/// <code>
/// AnalyzerVerifier&lt;RequireConcurrentIndexCreation&gt;.Verify("[|CREATE INDEX i ON orders|] (customer_id);");
/// </code>
/// </example>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : Analyzer, new()
{
    /// <summary>Checks that the analyzer reports exactly the marked diagnostics, and the checks every verification makes.</summary>
    /// <exception cref="VerificationException">Something differs; the message shows expected, actual and the source.</exception>
    public static void Verify(string markupSql, VerifyOptions? options = null) =>
        new Verifier(new TAnalyzer(), options ?? VerifyOptions.Default).Verify(TestMarkup.Parse(markupSql));

    /// <summary>
    /// Verifies <paramref name="markupBefore"/>, applies the first fix of each finding (skipping fixes that
    /// overlap one already applied), and checks the result is <paramref name="expectedAfter"/> and parses.
    /// </summary>
    /// <exception cref="VerificationException">No fix is offered, the fixed text differs, or it does not parse.</exception>
    public static void VerifyFix(string markupBefore, string expectedAfter, VerifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expectedAfter);
        var verifier = new Verifier(new TAnalyzer(), options ?? VerifyOptions.Default);
        var markup = TestMarkup.Parse(markupBefore);
        verifier.Verify(markup);
        verifier.VerifyFix(markup.Source, expectedAfter);
    }

    /// <summary>
    /// Verifies one fixture file: its SQL with markers as <see cref="Verify"/> does, and when a sibling
    /// <c>&lt;name&gt;.fixed.sql</c> exists, that applying the fixes gives its text (as <see cref="VerifyFix"/>).
    /// </summary>
    /// <exception cref="VerificationException">Something differs; the message names the file.</exception>
    public static void VerifyFixture(string path, VerifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fixedPath = Fixtures.FixedPath(path);
        var fileOptions = (options ?? VerifyOptions.Default) with { Path = System.IO.Path.GetFileName(path) };
        try
        {
            if (File.Exists(fixedPath))
            {
                VerifyFix(File.ReadAllText(path), File.ReadAllText(fixedPath), fileOptions);
            }
            else
            {
                Verify(File.ReadAllText(path), fileOptions);
            }
        }
        catch (VerificationException ex)
        {
            throw new VerificationException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Verifies every fixture of a folder (see <see cref="Fixtures.Find"/>) and reports all that fail at once.</summary>
    /// <exception cref="VerificationException">The folder has no fixture, or some fail; the message lists each.</exception>
    public static void VerifyFixtures(string folder, VerifyOptions? options = null)
    {
        var fixtures = Fixtures.Find(folder);
        if (fixtures.Count == 0)
        {
            throw new VerificationException($"{folder} contains no fixture (*.sql).");
        }

        var failures = new List<string>();
        foreach (var fixture in fixtures)
        {
            try
            {
                VerifyFixture(fixture, options);
            }
            catch (VerificationException ex)
            {
                failures.Add(ex.Message);
            }
        }

        if (failures.Count > 0)
        {
            throw new VerificationException(
                $"{failures.Count} of {fixtures.Count} fixtures failed.{Environment.NewLine}{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, failures)}");
        }
    }

    /// <summary>The analyzer's findings in a file (suppressed ones included), with all its rules enabled.</summary>
    public static ImmutableArray<Diagnostic> Lint(string sql, VerifyOptions? options = null) =>
        new Verifier(new TAnalyzer(), options ?? VerifyOptions.Default).Lint(sql);
}

/// <summary>Linting helpers for tests that look at diagnostics themselves.</summary>
public static class AnalyzerVerifier
{
    /// <summary>
    /// Lints one file with the given analyzers at their default rule states, as a user without
    /// configuration would; returns every finding, suppressed ones included, in source order.
    /// </summary>
    public static ImmutableArray<Diagnostic> LintForTest(string sql, IEnumerable<Analyzer> analyzers, VerifyOptions? options = null) =>
        new Verifier([.. analyzers], options ?? VerifyOptions.Default, enableAllRules: false).Lint(sql);
}

/// <summary>One analyzer (or a set) with the settings of a verification.</summary>
internal sealed class Verifier
{
    private readonly ImmutableArray<Analyzer> _analyzers;
    private readonly VerifyOptions _options;
    private readonly LintEngine _engine;
    private readonly HashSet<string> _ruleIds;

    public Verifier(Analyzer analyzer, VerifyOptions options)
        : this([analyzer], options, enableAllRules: true)
    {
    }

    public Verifier(ImmutableArray<Analyzer> analyzers, VerifyOptions options, bool enableAllRules)
    {
        _analyzers = analyzers;
        _options = options;
        var registry = new RuleRegistry(analyzers);
        _ruleIds = [.. analyzers.SelectMany(static a => a.SupportedDiagnostics).Select(static d => d.Id)];
        var directives = (enableAllRules ? _ruleIds : Enumerable.Empty<string>())
            .Concat(options.EnabledRules)
            .Select(static id => new RuleDirective(id, "on", "verifier"));
        _engine = new LintEngine(new LintSettings(registry, directives, options.PostgresVersion, options.AssumeInTransaction, ReadRuleOptions(options, registry), options.Profile))
        {
            Statistics = options.Statistics,
        };
    }

    private string DefaultId => _analyzers[0].SupportedDiagnostics[0].Id;

    public ImmutableArray<Diagnostic> Lint(string sql)
    {
        var files = _options.PrecedingFiles.Select((text, i) => SourceText.From(text, $"preceding{i + 1}.sql")).Append(SourceText.From(sql, _options.Path)).ToList();
        return _engine.Run([new MigrationSetInput("test", files)]).Documents[^1].Diagnostics;
    }

    public void Verify(TestMarkup markup)
    {
        var expected = markup.Expected.Select(e => (Id: e.Id ?? DefaultId, e.Span)).ToList();
        var compared = new HashSet<string>(_ruleIds) { ToolDiagnostics.SyntaxError.Id, ToolDiagnostics.RuleFailed.Id };
        compared.UnionWith(expected.Select(static e => e.Id));

        var first = Lint(markup.Source);
        var second = Lint(markup.Source);
        if (!first.Select(Identity).SequenceEqual(second.Select(Identity)))
        {
            Fail("Linting the same SQL twice gave different diagnostics (does the analyzer keep state in fields?).", markup.Source, first.Select(Identity), second.Select(Identity), "First run", "Second run");
        }

        var actual = first.Where(d => !d.IsSuppressed && compared.Contains(d.Id)).ToList();
        CompareSpans(markup.Source, expected, actual, "The diagnostics differ from the markup.");
        if (_options.ExpectedMessages is { } messages)
        {
            var reported = actual.OrderBy(static d => d.Location.Span).ThenBy(static d => d.Id, StringComparer.Ordinal).Select(static d => d.Message).ToList();
            if (!reported.SequenceEqual(messages))
            {
                Fail("The messages differ.", markup.Source, messages, reported, "Expected messages", "Reported messages");
            }
        }

        var tree = SqlParser.Parse(SourceText.From(markup.Source));
        foreach (var target in expected.Where(e => _ruleIds.Contains(e.Id)).Select(e => (e.Id, Line: SuppressionLine(tree, e.Span))).Distinct())
        {
            VerifySuppression(tree, expected, compared, target.Id, target.Line);
        }
    }

    public void VerifyFix(string source, string expectedAfter)
    {
        var accepted = new List<TextEdit>();
        foreach (var fix in Lint(source).Where(d => !d.IsSuppressed && _ruleIds.Contains(d.Id) && !d.Fixes.IsEmpty).Select(static d => d.Fixes[0]))
        {
            if (!fix.Edits.Any(e => accepted.Any(a => Conflict(a.Span, e.Span))))
            {
                accepted.AddRange(fix.Edits);
            }
        }

        if (accepted.Count == 0)
        {
            throw new VerificationException($"No fix was offered.{Environment.NewLine}Source:{Environment.NewLine}{Rendering.NumberedSource(source)}");
        }

        var fixedText = new Fix("all", accepted).ApplyTo(source);
        if (fixedText != expectedAfter)
        {
            throw new VerificationException(
                $"The fixed text differs.{Environment.NewLine}Expected:{Environment.NewLine}{Rendering.NumberedSource(expectedAfter)}{Environment.NewLine}Actual:{Environment.NewLine}{Rendering.NumberedSource(fixedText)}");
        }

        var errors = SqlParser.Parse(SourceText.From(fixedText)).Statements.Where(static s => s.Error is not null).ToList();
        if (errors.Count > 0)
        {
            throw new VerificationException(
                $"The fixed text does not parse: {string.Join("; ", errors.Select(static s => s.Error!.Message))}.{Environment.NewLine}{Rendering.NumberedSource(fixedText)}");
        }
    }

    /// <summary>
    /// Inserts <c>-- pglint-disable-next-line ID</c> above the line where the finding's statement starts and
    /// checks that it silences the findings of that rule there, leaves the others, and is not reported unused.
    /// </summary>
    private void VerifySuppression(SyntaxTree tree, List<(string Id, TextSpan Span)> expected, HashSet<string> compared, string id, int line)
    {
        var text = tree.Source;
        var source = text.Text;
        var lineStart = text.GetLineSpan(line).Start;
        var indentation = new string([.. source.Skip(lineStart).TakeWhile(static c => c is ' ' or '\t')]);
        var comment = $"{indentation}-- pglint-disable-next-line {id}";
        var inserted = comment + (source.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n");
        var suppressedSource = source.Insert(lineStart, inserted);
        var commentSpan = new TextSpan(lineStart + indentation.Length, comment.Length - indentation.Length);

        var silenced = expected.Where(e => e.Id == id && (text.GetLinePosition(e.Span.Start).Line == line || SuppressionLine(tree, e.Span) == line)).ToList();
        var remaining = expected.Except(silenced).Select(e => (e.Id, Span: Shift(e.Span, lineStart, inserted.Length))).ToList();
        var diagnostics = Lint(suppressedSource);
        var description = $"After inserting '{comment.Trim()}' above line {line}:";
        CompareSpans(suppressedSource, remaining, [.. diagnostics.Where(d => !d.IsSuppressed && compared.Contains(d.Id))], $"{description} the unsuppressed diagnostics differ.");

        var silencedNow = diagnostics.Where(d => d.IsSuppressed && d.Id == id && d.Suppression!.Location?.Span == commentSpan).ToList();
        if (silencedNow.Count != silenced.Count)
        {
            Fail($"{description} {silenced.Count} diagnostic(s) should be suppressed by it, {silencedNow.Count} are.", suppressedSource, silenced.Select(e => Rendering.Expected(SourceText.From(suppressedSource), e.Id, Shift(e.Span, lineStart, inserted.Length))), silencedNow.Select(Rendering.Diagnostic), "Expected suppressed", "Suppressed");
        }

        if (diagnostics.FirstOrDefault(d => d.Id == ToolDiagnostics.UnusedSuppression.Id && d.Location.Span.OverlapsWith(commentSpan)) is { } unused)
        {
            throw new VerificationException($"{description} it is reported as {Rendering.Diagnostic(unused)}{Environment.NewLine}Source:{Environment.NewLine}{Rendering.NumberedSource(suppressedSource)}");
        }
    }

    /// <summary>The line a disable-next-line comment must precede: where the finding's statement starts.</summary>
    private static int SuppressionLine(SyntaxTree tree, TextSpan span)
    {
        var statement = tree.Statements.FirstOrDefault(s => s.Span.Contains(span.Start) || s.Span.Start == span.Start);
        return tree.Source.GetLinePosition(statement?.Span.Start ?? span.Start).Line;
    }

    private void CompareSpans(string source, List<(string Id, TextSpan Span)> expected, List<Diagnostic> actual, string headline)
    {
        var expectedKeys = expected.Select(static e => (e.Id, e.Span)).Order().ToList();
        var actualKeys = actual.Select(static d => (d.Id, d.Location.Span)).Order().ToList();
        if (expectedKeys.SequenceEqual(actualKeys))
        {
            return;
        }

        var text = SourceText.From(source);
        var missing = expectedKeys.Except(actualKeys).Select(e => "- " + Rendering.Expected(text, e.Id, e.Span));
        var unexpected = actual.Where(d => !expectedKeys.Contains((d.Id, d.Location.Span))).Select(d => "+ " + Rendering.Diagnostic(d));
        var message = new StringBuilder()
            .AppendLine(headline)
            .AppendLine("Expected:").AppendLine(Rendering.List(expected.OrderBy(static e => e.Span).Select(e => Rendering.Expected(text, e.Id, e.Span))))
            .AppendLine("Actual:").AppendLine(Rendering.List(actual.OrderBy(static d => d.Location.Span).Select(Rendering.Diagnostic)))
            .AppendLine("Difference (- missing, + unexpected):").AppendLine(Rendering.List(missing.Concat(unexpected)))
            .AppendLine("Actual as markup:").AppendLine(TestMarkup.Render(source, actual.Select(static d => (d.Id, d.Location.Span)), DefaultId))
            .AppendLine("Source:").Append(Rendering.NumberedSource(source));
        throw new VerificationException(message.ToString());
    }

    private static void Fail(string headline, string source, IEnumerable<string> left, IEnumerable<string> right, string leftName, string rightName) =>
        throw new VerificationException(new StringBuilder()
            .AppendLine(headline)
            .AppendLine(leftName + ":").AppendLine(Rendering.List(left))
            .AppendLine(rightName + ":").AppendLine(Rendering.List(right))
            .AppendLine("Source:").Append(Rendering.NumberedSource(source))
            .ToString());

    private static string Identity(Diagnostic d) =>
        $"{Rendering.Diagnostic(d)} [{d.Severity}] {d.Fingerprint} {string.Join(" | ", d.Fixes.SelectMany(static f => f.Edits.Select(static e => $"{e.Span}:{e.NewText}")))}";

    private static TextSpan Shift(TextSpan span, int at, int by) =>
        span.Start >= at ? new TextSpan(span.Start + by, span.Length)
        : span.End > at ? new TextSpan(span.Start, span.Length + by)
        : span;

    /// <summary>Two edits conflict when they overlap or insert at the same place (their order would be arbitrary).</summary>
    private static bool Conflict(TextSpan a, TextSpan b) => a.OverlapsWith(b) || a.Start == b.Start;

    private static RuleOptions? ReadRuleOptions(VerifyOptions options, RuleRegistry registry)
    {
        if (options.RuleOptionsJson is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(options.RuleOptionsJson);
        return RuleOptions.FromJson(json.RootElement, registry, "VerifyOptions.RuleOptionsJson");
    }
}
