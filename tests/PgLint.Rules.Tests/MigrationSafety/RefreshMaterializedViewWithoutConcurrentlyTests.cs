using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.RefreshMaterializedViewWithoutConcurrently>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class RefreshMaterializedViewWithoutConcurrentlyTests
{
    private const string View = "CREATE MATERIALIZED VIEW order_totals AS SELECT 1 AS customer_id;";

    [Test]
    public void Refresh_of_an_existing_view_is_reported() =>
        Verifier.Verify(
            "[|REFRESH MATERIALIZED VIEW order_totals|];",
            new VerifyOptions { ExpectedMessages = ["Refreshing order_totals without CONCURRENTLY holds an ACCESS EXCLUSIVE lock that blocks every query reading it until the refresh ends."] });

    [Test]
    public void Concurrent_refresh_and_refresh_with_no_data_are_not_reported() =>
        Verifier.Verify("REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals; REFRESH MATERIALIZED VIEW order_totals WITH NO DATA;");

    [Test]
    public void Refresh_of_a_view_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(View + " REFRESH MATERIALIZED VIEW order_totals;");

    [Test]
    public void Fix_is_safe_when_the_view_has_a_unique_index()
    {
        var options = new VerifyOptions { PrecedingFiles = [View + " CREATE UNIQUE INDEX order_totals_key ON order_totals (customer_id);"] };

        var fix = Verifier.Lint("REFRESH MATERIALIZED VIEW order_totals;", options).Single().Fixes.Single();

        fix.Safety.Should().Be(FixSafety.Safe);
        Verifier.VerifyFix("[|REFRESH MATERIALIZED VIEW order_totals|];", "REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;", options);
    }

    [Test]
    public void Fix_is_unsafe_when_no_unique_index_is_known() =>
        Verifier.Lint("REFRESH MATERIALIZED VIEW order_totals;").Single().Fixes.Single().Safety.Should().Be(FixSafety.Unsafe);
}
