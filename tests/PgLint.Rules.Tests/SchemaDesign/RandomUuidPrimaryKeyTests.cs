using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class RandomUuidPrimaryKeyTests
{
    [Test]
    public void Random_uuid_keys_are_reported() =>
        AnalyzerVerifier<RandomUuidPrimaryKey>.Verify(
            """
            CREATE TABLE orders (id [|uuid|] PRIMARY KEY DEFAULT gen_random_uuid());
            CREATE TABLE carts (id [|uuid|] DEFAULT uuid_generate_v4(), PRIMARY KEY (id));
            """,
            new VerifyOptions { ExpectedMessages = ["Primary key id defaults to gen_random_uuid(), so every insert writes to a random page of the key's index, which once larger than memory costs reads, page splits and WAL; use an identity column or time-ordered UUIDs.", "Primary key id defaults to uuid_generate_v4(), so every insert writes to a random page of the key's index, which once larger than memory costs reads, page splits and WAL; use an identity column or time-ordered UUIDs."] });

    [Test]
    public void Uuid_keys_without_random_default_and_non_key_uuids_are_not_reported() =>
        AnalyzerVerifier<RandomUuidPrimaryKey>.Verify(
            """
            CREATE TABLE orders (id uuid PRIMARY KEY, token uuid NOT NULL DEFAULT gen_random_uuid());
            CREATE TABLE carts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
            """);
}
