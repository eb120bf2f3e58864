using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class BanTimetzTests
{
    [Test]
    public void Timetz_columns_and_current_time_are_reported() =>
        AnalyzerVerifier<BanTimetz>.Verify(
            """
            CREATE TABLE shops (id bigint PRIMARY KEY, opens_at [|time with time zone|], closes_at [|timetz|]);
            SELECT id FROM shops WHERE opens_at < [|CURRENT_TIME|];
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Column opens_at is time with time zone: a time of day with a fixed UTC offset cannot follow daylight-saving changes, and PostgreSQL's documentation advises against the type; use timestamptz, or time with the zone in its own column.",
                    "Column closes_at is time with time zone: a time of day with a fixed UTC offset cannot follow daylight-saving changes, and PostgreSQL's documentation advises against the type; use timestamptz, or time with the zone in its own column.",
                    "CURRENT_TIME returns time with time zone: a time of day with a fixed UTC offset cannot follow daylight-saving changes, and PostgreSQL's documentation advises against the type; use timestamptz, or time with the zone in its own column.",
                ],
            });

    [Test]
    public void Time_and_localtime_are_not_reported() =>
        AnalyzerVerifier<BanTimetz>.Verify(
            """
            CREATE TABLE shops (id bigint PRIMARY KEY, opens_at time, time_zone text NOT NULL);
            SELECT id FROM shops WHERE opens_at < LOCALTIME AND now() > CURRENT_TIMESTAMP - interval '1 day';
            """);
}
