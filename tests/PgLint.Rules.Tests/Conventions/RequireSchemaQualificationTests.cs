using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Conventions.RequireSchemaQualification>;

namespace PgLint.Rules.Tests.Conventions;

public sealed class RequireSchemaQualificationTests
{
    private static readonly VerifyOptions On = new() { EnabledRules = ["PG7001"] };

    [Test]
    public void Unqualified_table_names_in_ddl_are_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE [|orders|] (id bigint PRIMARY KEY, customer_id bigint REFERENCES [|customers|]);
            CREATE INDEX orders_customer_idx ON [|orders|] (customer_id);
            """,
            new VerifyOptions
            {
                EnabledRules = ["PG7001"],
                ExpectedMessages = [
                    "orders is named without a schema, so the statement acts on the relation of that name in whichever schema comes first in the search_path of the session running it; write schema.orders.",
                    "customers is named without a schema, so the statement acts on the relation of that name in whichever schema comes first in the search_path of the session running it; write schema.customers.",
                    "orders is named without a schema, so the statement acts on the relation of that name in whichever schema comes first in the search_path of the session running it; write schema.orders."],
            });

    [Test]
    public void Qualified_names_temporary_tables_and_queries_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE app.orders (id bigint PRIMARY KEY);
            CREATE TEMPORARY TABLE scratch (id int);
            CREATE VIEW app.open_orders AS SELECT id FROM orders;
            SELECT * FROM orders;
            """,
            On);

    [Test]
    public void Off_by_default() =>
        LintSettings.DefaultState(PgLint.Rules.Conventions.RequireSchemaQualification.Rule, Profiles.AppMigration).Enabled.Should().BeFalse();
}
