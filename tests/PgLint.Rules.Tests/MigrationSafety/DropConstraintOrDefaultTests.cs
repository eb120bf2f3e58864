using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class DropConstraintOrDefaultTests
{
    [Test]
    public void Dropping_a_constraint_a_default_an_identity_and_restarting_a_sequence_are_reported() =>
        AnalyzerVerifier<DropConstraintOrDefault>.Verify(
            """
            [|ALTER TABLE orders DROP CONSTRAINT orders_total_check|];
            [|ALTER TABLE orders ALTER COLUMN status DROP DEFAULT|];
            [|ALTER TABLE orders ALTER COLUMN id DROP IDENTITY IF EXISTS|];
            [|ALTER SEQUENCE orders_id_seq RESTART WITH 1|];
            """);

    [Test]
    public void Setting_a_default_and_new_tables_are_not_reported() =>
        AnalyzerVerifier<DropConstraintOrDefault>.Verify(
            "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new'; CREATE TABLE t (a int DEFAULT 1); ALTER TABLE t ALTER COLUMN a DROP DEFAULT; ALTER SEQUENCE s INCREMENT BY 2;");
}
