using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Conventions.NamingConvention>;

namespace PgLint.Rules.Tests.Conventions;

public sealed class NamingConventionTests
{
    private static readonly VerifyOptions On = new() { EnabledRules = ["PG7002"] };

    [Test]
    public void Mixed_case_names_are_reported() =>
        Verifier.Verify(
            """CREATE TABLE [|"OrderLines"|] (id bigint PRIMARY KEY, [|"unitPrice"|] numeric);""",
            new VerifyOptions
            {
                EnabledRules = ["PG7002"],
                ExpectedMessages = [
                    "The table name \"OrderLines\" does not match the tables convention ^[a-z][a-z0-9_]*$.",
                    "The column name \"unitPrice\" does not match the columns convention ^[a-z][a-z0-9_]*$."],
            });

    [Test]
    public void Snake_case_names_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE order_lines (id bigint PRIMARY KEY, unit_price numeric);
            CREATE INDEX order_lines_unit_price_idx ON order_lines (unit_price);
            ALTER TABLE order_lines ADD COLUMN quantity int;
            """,
            On);

    [Test]
    public void Index_pattern_with_the_table_placeholder_is_applied() =>
        Verifier.Verify(
            """
            CREATE INDEX idx_order_lines_unit_price ON order_lines (unit_price);
            [|CREATE INDEX unit_price_idx ON order_lines (unit_price)|];
            """,
            new VerifyOptions { EnabledRules = ["PG7002"], RuleOptionsJson = """{ "PG7002": { "indexes": "^idx_{table}_[a-z0-9_]+$" } }""" });

    [Test]
    public void Renames_are_checked() =>
        Verifier.Verify("""[|ALTER TABLE order_lines RENAME COLUMN unit_price TO "UnitPrice"|];""", On);
}
