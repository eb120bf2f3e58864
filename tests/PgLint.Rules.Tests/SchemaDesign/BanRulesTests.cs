using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class BanRulesTests
{
    [Test]
    public void Create_rule_is_reported() =>
        AnalyzerVerifier<BanRules>.Verify(
            "[|CREATE OR REPLACE RULE orders_archive|] AS ON DELETE TO orders DO INSTEAD UPDATE orders SET archived = true WHERE id = OLD.id;",
            new VerifyOptions { ExpectedMessages = ["Rule orders_archive rewrites every query on orders before planning, which multiplies volatile expressions, is skipped by COPY and surprises RETURNING and ON CONFLICT; use a trigger or an updatable view."] });

    [Test]
    public void Triggers_and_views_are_not_reported() =>
        AnalyzerVerifier<BanRules>.Verify(
            """
            CREATE VIEW open_orders AS SELECT id, status FROM orders WHERE NOT archived;
            CREATE TRIGGER orders_archive BEFORE DELETE ON orders FOR EACH ROW EXECUTE FUNCTION archive_order();
            """);
}
