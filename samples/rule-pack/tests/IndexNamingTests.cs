using Verifier = PgLint.Testing.AnalyzerVerifier<Acme.PgLint.Rules.IndexNaming>;

namespace Acme.PgLint.Rules.Tests;

public sealed class IndexNamingTests
{
    [Test]
    public void Index_named_after_postgres_conventions_is_reported() =>
        Verifier.Verify(
            "[|CREATE INDEX orders_customer_id_idx ON orders (customer_id)|];",
            new VerifyOptions { ExpectedMessages = ["Index orders_customer_id_idx should be named ix_orders_customer_id."] });

    [Test]
    public void Index_named_ix_table_columns_is_not_reported() =>
        Verifier.Verify("CREATE INDEX CONCURRENTLY ix_orders_customer_id_created_at ON app.orders (customer_id, created_at);");

    [Test]
    public void Unnamed_index_is_reported() =>
        Verifier.Verify("[|CREATE INDEX ON orders (status)|];");

    [Test]
    public void Expression_index_needs_only_the_prefix() =>
        Verifier.Verify("CREATE INDEX ix_customers_lower_email ON customers (lower(email));");
}

/// <summary>The same rule from a fixture folder: one test per file under Fixtures/ACME002.</summary>
public sealed class IndexNamingFixtureTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        Fixtures.Find(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ACME002"))
            .Select(static path => new TestCaseData(path).SetArgDisplayNames(Path.GetFileNameWithoutExtension(path)));

    [TestCaseSource(nameof(Cases))]
    public void Fixture(string path) => Verifier.VerifyFixture(path);
}
