using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class PreferBigintKeysTests
{
    [Test]
    public void Integer_primary_keys_are_reported() =>
        AnalyzerVerifier<PreferBigintKeys>.Verify(
            """
            CREATE TABLE orders (id [|integer|] PRIMARY KEY, status text NOT NULL);
            CREATE TABLE lines (id [|serial|], note text, PRIMARY KEY (id));
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Primary key id is integer, which holds at most 2,147,483,647 values: a key drawn from a sequence runs out once that many have been handed out (not rows kept), and widening it later rewrites this table and every table that references it; use bigint.",
                    "Primary key id is serial, which holds at most 2,147,483,647 values: a key drawn from a sequence runs out once that many have been handed out (not rows kept), and widening it later rewrites this table and every table that references it; use bigint.",
                ],
            });

    [Test]
    public void Bigint_uuid_composite_and_non_key_integers_are_not_reported() =>
        AnalyzerVerifier<PreferBigintKeys>.Verify(
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, quantity integer NOT NULL);
            CREATE TABLE tokens (id uuid PRIMARY KEY);
            CREATE TABLE order_tags (order_id integer, tag_id integer, PRIMARY KEY (order_id, tag_id));
            """);
}
