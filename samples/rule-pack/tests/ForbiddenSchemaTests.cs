using Verifier = PgLint.Testing.AnalyzerVerifier<Acme.PgLint.Rules.ForbiddenSchema>;

namespace Acme.PgLint.Rules.Tests;

public sealed class ForbiddenSchemaTests
{
    [Test]
    public void Table_in_billing_is_reported() =>
        Verifier.Verify(
            "CREATE TABLE [|billing.refunds|] (id bigint);",
            new VerifyOptions { ExpectedMessages = ["Table billing.refunds is created in schema billing, which this repository does not own."] });

    [Test]
    public void View_and_function_in_billing_are_reported() =>
        Verifier.Verify(
            """
            CREATE VIEW [|billing.open_invoices|] AS SELECT 1;
            [|CREATE FUNCTION billing.total() RETURNS int LANGUAGE sql AS 'SELECT 1'|];
            """);

    [Test]
    public void Reading_from_billing_is_not_reported() =>
        Verifier.Verify("CREATE VIEW app.invoice_totals AS SELECT id FROM billing.invoices;");

    [Test]
    public void Unqualified_table_is_not_reported() =>
        Verifier.Verify("CREATE TABLE refunds (id bigint);");
}
