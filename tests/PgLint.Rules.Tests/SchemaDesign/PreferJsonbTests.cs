using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class PreferJsonbTests
{
    [Test]
    public void Json_columns_are_reported() =>
        AnalyzerVerifier<PreferJsonb>.Verify(
            "CREATE TABLE events (id bigint PRIMARY KEY, payload [|json|] NOT NULL);",
            new VerifyOptions { ExpectedMessages = ["Column payload is json: it is stored as text and parsed again on every access, has no equality operator and cannot be GIN-indexed; use jsonb."] });

    [Test]
    public void Jsonb_and_json_casts_are_not_reported() =>
        AnalyzerVerifier<PreferJsonb>.Verify(
            """
            CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb NOT NULL);
            SELECT payload::json FROM events;
            SELECT x.out FROM json_to_record('{"out": {}}') AS x(out json);
            """);

    [Test]
    public void Fix_replaces_json_with_jsonb_in_new_columns() =>
        AnalyzerVerifier<PreferJsonb>.VerifyFix(
            "CREATE TABLE events (id bigint PRIMARY KEY, payload [|json|] NOT NULL, tags [|json[]|]);\nALTER TABLE events ADD COLUMN meta [|json|];",
            "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb NOT NULL, tags jsonb[]);\nALTER TABLE events ADD COLUMN meta jsonb;");
}
