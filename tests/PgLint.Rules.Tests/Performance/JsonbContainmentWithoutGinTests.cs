using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.JsonbContainmentWithoutGin>;

namespace PgLint.Rules.Tests.Performance;

public sealed class JsonbContainmentWithoutGinTests
{
    private const string Table = "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb NOT NULL, meta jsonb, body json);\n";

    [Test]
    public void Containment_on_an_unindexed_jsonb_column_is_reported() =>
        Verifier.Verify(
            Table + """SELECT id FROM events WHERE [|payload @> '{"kind": "click"}'|];""",
            new VerifyOptions { ExpectedMessages = ["payload @> '{\"kind\": \"click\"}' on jsonb column payload can only use a GIN index, and public.events has none on payload, so every row's document is read and searched; create a GIN index on payload (jsonb_path_ops for @> only)."] });

    [Test]
    public void A_gin_index_json_columns_and_unknown_tables_are_not_reported() =>
        Verifier.Verify(
            Table + """
            CREATE INDEX events_payload ON events USING gin (payload jsonb_path_ops);
            SELECT id FROM events WHERE payload @> '{"kind": "click"}';
            SELECT id FROM events WHERE [|meta ? 'source'|];
            SELECT id FROM audit WHERE data @> '{"a": 1}';
            """);
}
