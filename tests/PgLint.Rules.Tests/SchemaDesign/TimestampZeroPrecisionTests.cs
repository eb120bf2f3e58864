using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class TimestampZeroPrecisionTests
{
    [Test]
    public void Zero_precision_timestamps_are_reported() =>
        AnalyzerVerifier<TimestampZeroPrecision>.Verify(
            "CREATE TABLE events (id bigint PRIMARY KEY, at [|timestamptz(0)|], seen [|timestamp(0) with time zone|]);",
            new VerifyOptions { ExpectedMessages = ["Column at is timestamp(0) with time zone: PostgreSQL rounds the fractional seconds to the nearest second rather than truncating, so a stored now() can be up to half a second in the future; keep the default precision and truncate with date_trunc where whole seconds are wanted.", "Column seen is timestamp(0) with time zone: PostgreSQL rounds the fractional seconds to the nearest second rather than truncating, so a stored now() can be up to half a second in the future; keep the default precision and truncate with date_trunc where whole seconds are wanted."] });

    [Test]
    public void Other_precisions_are_not_reported() =>
        AnalyzerVerifier<TimestampZeroPrecision>.Verify("CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz, seen timestamptz(3), t time(0));");
}
