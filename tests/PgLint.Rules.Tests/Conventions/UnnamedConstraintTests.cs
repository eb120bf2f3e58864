using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Conventions.UnnamedConstraint>;

namespace PgLint.Rules.Tests.Conventions;

public sealed class UnnamedConstraintTests
{
    [Test]
    public void Unnamed_unique_and_foreign_key_are_reported() =>
        Verifier.Verify(
            "CREATE TABLE orders (id bigint PRIMARY KEY, number text [|UNIQUE|], customer_id bigint [|REFERENCES|] customers);",
            new VerifyOptions { ExpectedMessages = [
                "This UNIQUE constraint has no name, so PostgreSQL generates one from the table and column names (numbered on collision) that later migrations must guess; name it (CONSTRAINT name …).",
                "This foreign key has no name, so PostgreSQL generates one from the table and column names (numbered on collision) that later migrations must guess; name it (CONSTRAINT name …)."] });

    [Test]
    public void Unnamed_check_added_by_alter_table_is_reported() =>
        Verifier.Verify("ALTER TABLE orders ADD [|CHECK|] (total >= 0);");

    [Test]
    public void Unnamed_index_is_reported() =>
        Verifier.Verify("[|CREATE INDEX ON orders (customer_id)|];");

    [Test]
    public void Named_constraints_primary_keys_and_not_null_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE orders (
                id bigint PRIMARY KEY,
                total numeric NOT NULL DEFAULT 0,
                customer_id bigint CONSTRAINT orders_customer_fk REFERENCES customers,
                CONSTRAINT orders_total_check CHECK (total >= 0)
            );
            CREATE INDEX orders_customer_idx ON orders (customer_id);
            ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE (id, total);
            CREATE DOMAIN positive AS numeric CHECK (VALUE > 0);
            """);

    [Test]
    public void Concurrent_unnamed_index_is_left_to_pg1041() =>
        Verifier.Verify("CREATE INDEX CONCURRENTLY ON orders (customer_id);");
}
