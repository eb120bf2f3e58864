using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Indexes.TooManyIndexes>;

namespace PgLint.Rules.Tests.Indexes;

public sealed class TooManyIndexesTests
{
    private static string Indexes(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(static i => $"CREATE INDEX t_c{i}_idx ON t (c{i});\n"));

    [Test]
    public void Table_with_more_indexes_than_the_maximum_is_reported_at_its_create_table() =>
        Verifier.Verify(
            "[|CREATE TABLE t (id int PRIMARY KEY, c1 int, c2 int, c3 int)|];\n" + Indexes(3),
            new VerifyOptions
            {
                RuleOptionsJson = """{ "PG4005": { "maximum": 3 } }""",
                ExpectedMessages = ["Table public.t has 4 indexes (more than 3); each one slows every write and can prevent HOT updates."],
            });

    [Test]
    public void Ten_indexes_are_within_the_default_maximum() =>
        Verifier.Verify("CREATE TABLE t (id int PRIMARY KEY, " + string.Join(", ", Enumerable.Range(1, 9).Select(static i => $"c{i} int")) + ");\n" + Indexes(9));

    [Test]
    public void Eleven_indexes_are_reported_with_the_default_maximum() =>
        Verifier.Verify("[|CREATE TABLE t (id int PRIMARY KEY, " + string.Join(", ", Enumerable.Range(1, 10).Select(static i => $"c{i} int")) + ")|];\n" + Indexes(10));

    [Test]
    public void Indexes_dropped_before_the_end_do_not_count() =>
        Verifier.Verify(
            "CREATE TABLE t (id int PRIMARY KEY, c1 int, c2 int, c3 int);\n" + Indexes(3) + "DROP INDEX t_c3_idx;",
            new VerifyOptions { RuleOptionsJson = """{ "PG4005": { "maximum": 3 } }""" });
}
