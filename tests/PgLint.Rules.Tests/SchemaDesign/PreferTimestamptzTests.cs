using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class PreferTimestamptzTests
{
    [Test]
    public void Timestamp_columns_are_reported_with_their_whole_type() =>
        AnalyzerVerifier<PreferTimestamptz>.Verify(
            """
            CREATE TABLE events (id bigint PRIMARY KEY, at [|timestamp|] NOT NULL, seen [|timestamp(3) without time zone|]);
            ALTER TABLE events ALTER COLUMN seen TYPE [|timestamp(6)|];
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Column at is timestamp without time zone: it stores a wall-clock time without a time zone, so values written from different time zones or across a daylight-saving change cannot be compared; use timestamptz, which stores an absolute instant in the same 8 bytes.",
                    "Column seen is timestamp(3) without time zone: it stores a wall-clock time without a time zone, so values written from different time zones or across a daylight-saving change cannot be compared; use timestamptz, which stores an absolute instant in the same 8 bytes.",
                    "Column seen is timestamp(6) without time zone: it stores a wall-clock time without a time zone, so values written from different time zones or across a daylight-saving change cannot be compared; use timestamptz, which stores an absolute instant in the same 8 bytes.",
                ],
            });

    [Test]
    public void Timestamptz_in_every_spelling_and_casts_are_not_reported() =>
        AnalyzerVerifier<PreferTimestamptz>.Verify(
            """
            CREATE TABLE events (id bigint PRIMARY KEY, a timestamptz, b timestamp with time zone, c timestamptz(3)[]);
            SELECT '2024-01-01'::timestamp;
            """);

    [Test]
    public void Fix_replaces_the_type_in_new_columns() =>
        AnalyzerVerifier<PreferTimestamptz>.VerifyFix(
            "CREATE TABLE events (id bigint PRIMARY KEY, at [|timestamp|] NOT NULL, seen [|timestamp(3) without time zone|], log [|timestamp[]|]);",
            "CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL, seen timestamptz(3), log timestamptz[]);");

    [Test]
    public void Fix_is_unsafe_and_not_offered_for_a_type_change() =>
        AnalyzerVerifier<PreferTimestamptz>.Lint("CREATE TABLE events (id bigint PRIMARY KEY, at timestamp);\nALTER TABLE events ALTER COLUMN at TYPE timestamp(0);")
            .Select(static d => d.Fixes.Select(static f => f.Safety).ToList())
            .Should().BeEquivalentTo([new List<FixSafety> { FixSafety.Unsafe }, new List<FixSafety>()], o => o.WithStrictOrdering());
}
