using Verifier = PgLint.Testing.AnalyzerVerifier<Acme.PgLint.Rules.RequireTenantId>;

namespace Acme.PgLint.Rules.Tests;

public sealed class RequireTenantIdTests
{
    [Test]
    public void App_table_without_tenant_id_is_reported() =>
        Verifier.Verify(
            "CREATE TABLE [|app.invoices|] (id bigint PRIMARY KEY, total numeric NOT NULL);",
            new VerifyOptions { ExpectedMessages = ["Table app.invoices has no tenant_id column, so its rows are visible to every tenant."] });

    [Test]
    public void App_table_with_tenant_id_is_not_reported() =>
        Verifier.Verify("CREATE TABLE app.invoices (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, total numeric);");

    [Test]
    public void Table_outside_the_app_schema_is_not_reported() =>
        Verifier.Verify("CREATE TABLE audit.events (id bigint PRIMARY KEY);");

    [Test]
    public void Partition_of_an_app_table_is_not_reported() =>
        Verifier.Verify("CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');");

    [Test]
    public void Configured_schemas_and_column_are_used() =>
        Verifier.Verify(
            "CREATE TABLE [|crm.contacts|] (id bigint, tenant_id bigint);",
            new VerifyOptions { RuleOptionsJson = """{ "ACME001": { "schemas": ["crm"], "column": "org_id" } }""" });
}
