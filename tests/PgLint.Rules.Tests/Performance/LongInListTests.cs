using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.LongInList>;

namespace PgLint.Rules.Tests.Performance;

public sealed class LongInListTests
{
    private static string Values(int count) => string.Join(", ", Enumerable.Range(1, count));

    [Test]
    public void List_longer_than_the_maximum_is_reported() =>
        Verifier.Verify(
            $"SELECT id FROM orders WHERE [|id IN ({Values(101)})|];",
            new VerifyOptions { ExpectedMessages = ["IN list of 101 values: every list length is a different statement to parse, plan and track; pass the values as one array, = ANY($1)."] });

    [Test]
    public void List_at_the_maximum_and_any_array_are_not_reported() =>
        Verifier.Verify(
            $"""
            SELECT id FROM orders WHERE id IN ({Values(100)});
            SELECT id FROM orders WHERE id = ANY($1);
            """);

    [Test]
    public void The_maximum_is_configurable() =>
        Verifier.Verify(
            "SELECT id FROM orders WHERE [|status NOT IN ('a', 'b', 'c')|];",
            new VerifyOptions { RuleOptionsJson = """{ "PG2008": { "maximum": 2 } }""" });
}
