using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.OrderByRandom>;

namespace PgLint.Rules.Tests.Performance;

public sealed class OrderByRandomTests
{
    [Test]
    public void Order_by_random_is_reported() =>
        Verifier.Verify(
            "SELECT id FROM products ORDER BY [|random()|] LIMIT 1;",
            new VerifyOptions { ExpectedMessages = ["ORDER BY random() reads and sorts every qualifying row to pick a few, whatever the LIMIT; sample with TABLESAMPLE or pick a random key and use the index."] });

    [Test]
    public void Random_elsewhere_and_other_sort_keys_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT id, random() AS r FROM products ORDER BY id;
            SELECT id FROM products TABLESAMPLE SYSTEM (1) LIMIT 1;
            SELECT id FROM products ORDER BY my_schema.random();
            """);
}
