using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.UnboundedSelect>;

namespace PgLint.Rules.Tests.Performance;

public sealed class UnboundedSelectTests
{
    [Test]
    public void Select_of_a_whole_table_is_reported() =>
        Verifier.Verify(
            "SELECT id, status FROM [|public.orders|] ORDER BY id;",
            new VerifyOptions { ExpectedMessages = ["This query returns every row of public.orders, so its cost and result size grow with the table; filter with WHERE or page with ORDER BY … LIMIT."] });

    [Test]
    public void Filtered_limited_aggregated_and_nested_selects_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM orders WHERE customer_id = $1;
            SELECT id FROM orders ORDER BY id LIMIT 50;
            SELECT count(*) FROM orders;
            INSERT INTO archive (id) SELECT id FROM orders;
            """);

    [Test]
    public void Rule_is_off_by_default_and_info_in_the_queries_profile()
    {
        LintSettings.DefaultState(PgLint.Rules.Performance.UnboundedSelect.Rule, Profiles.AppMigration).Enabled.Should().BeFalse();
        LintSettings.DefaultState(PgLint.Rules.Performance.UnboundedSelect.Rule, Profiles.Queries).Should().Be(new RuleState(true, Severity.Info));
    }
}
