using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.LargeOffset>;

namespace PgLint.Rules.Tests.Performance;

public sealed class LargeOffsetTests
{
    [Test]
    public void Large_constant_and_parameter_offsets_are_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM orders ORDER BY id LIMIT 20 [|OFFSET 5000|];
            SELECT id FROM orders ORDER BY id LIMIT 20 [|OFFSET $1|];
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "OFFSET 5000 makes PostgreSQL produce and discard every skipped row, so each deeper page is slower; paginate by key: WHERE sort_key > last_seen ORDER BY sort_key LIMIT n.",
                    "OFFSET with a parameter makes PostgreSQL produce and discard every skipped row, so each deeper page is slower; paginate by key: WHERE sort_key > last_seen ORDER BY sort_key LIMIT n.",
                ],
            });

    [Test]
    public void Offsets_below_the_threshold_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM orders ORDER BY id LIMIT 20 OFFSET 999;
            SELECT id FROM orders ORDER BY id LIMIT 20 OFFSET 0;
            SELECT id FROM orders WHERE id > $1 ORDER BY id LIMIT 20;
            """);

    [Test]
    public void The_threshold_is_configurable() =>
        Verifier.Verify(
            "SELECT id FROM orders ORDER BY id LIMIT 20 [|OFFSET 100|];",
            new VerifyOptions { RuleOptionsJson = """{ "PG2005": { "threshold": 100 } }""" });
}
