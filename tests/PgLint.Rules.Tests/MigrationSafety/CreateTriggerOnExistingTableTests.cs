using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class CreateTriggerOnExistingTableTests
{
    [Test]
    public void Creating_enabling_and_disabling_triggers_on_an_existing_table_are_reported() =>
        AnalyzerVerifier<CreateTriggerOnExistingTable>.Verify(
            """
            [|CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit()|];
            [|ALTER TABLE orders DISABLE TRIGGER orders_audit|];
            [|ALTER TABLE orders ENABLE ALWAYS TRIGGER orders_audit|];
            """);

    [Test]
    public void A_trigger_on_a_table_created_earlier_in_the_file_is_not_reported() =>
        AnalyzerVerifier<CreateTriggerOnExistingTable>.Verify(
            "CREATE TABLE t (a int); CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION audit(); ALTER TABLE t DISABLE TRIGGER ALL;");
}
