using System.Collections.Immutable;
using FluentAssertions;
using NUnit.Framework;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Analysis.Tests;

public sealed class FixerTests
{
    [Test]
    public void Overlapping_fixes_are_skipped_and_the_rest_applied_in_order()
    {
        var fixes = new[]
        {
            new Fix("b", [new TextEdit(new TextSpan(4, 2), "B")]),
            new Fix("a", [new TextEdit(new TextSpan(0, 3), "A")]),
            new Fix("overlaps a", [new TextEdit(new TextSpan(2, 2), "X")]),
            new Fix("same insertion point as b", [TextEdit.Insert(4, "Y")]),
        };

        var text = Fixer.Apply("0123456789", fixes, out var applied);

        text.Should().Be("A3B6789");
        applied.Should().Equal("a", "b");
    }

    [Test]
    public void Fixes_repeat_until_nothing_changes()
    {
        var engine = new LintEngine(new LintSettings(new RuleRegistry([new DoubleSelect()])));
        var file = SourceText.From("SELECT 1;", "a.sql");

        var outcome = Fixer.Run(engine, [new MigrationSetInput("a", [file])], static (_, _) => true).Single();

        outcome.FixedText.Should().Be("SELECT 1; SELECT 1; SELECT 1;");
        outcome.Applied.Should().HaveCount(2);
        outcome.Refused.Should().BeNull();
    }

    [Test]
    public void A_fix_that_breaks_parsing_is_refused_and_the_file_kept()
    {
        var engine = new LintEngine(new LintSettings(new RuleRegistry([new BreakingFix()])));
        var file = SourceText.From("SELECT 1;", "a.sql");

        var outcome = Fixer.Run(engine, [new MigrationSetInput("a", [file])], static (_, _) => true).Single();

        outcome.Changed.Should().BeFalse();
        outcome.Refused.Should().Contain("cannot parse");
    }

    /// <summary>Appends another SELECT while the file has fewer than three.</summary>
    private sealed class DoubleSelect : Analyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TST101", "more", "More", "More.", "test", Severity.Info);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context) => context.RegisterMigrationSetStartAction(static set => set.RegisterDocumentStartAction(static start =>
        {
            var count = 0;
            start.RegisterNodeAction<SelectStmt>(_ => count++);
            start.RegisterDocumentEndAction(end =>
            {
                if (count < 3)
                {
                    var length = end.Document.Source.Length;
                    end.Report(Rule, new TextSpan(0, 0), new Fix("append", [TextEdit.Insert(length, " SELECT 1;")]));
                }
            });
        }));
    }

    /// <summary>Offers a fix that makes the statement unparsable.</summary>
    private sealed class BreakingFix : Analyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TST102", "break", "Break", "Break.", "test", Severity.Info);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context) =>
            context.RegisterStatementAction(static s => s.Report(Rule, s.Statement.Span, new Fix("break", [TextEdit.Insert(s.Statement.Span.Start, "SELEC ")])));
    }
}
