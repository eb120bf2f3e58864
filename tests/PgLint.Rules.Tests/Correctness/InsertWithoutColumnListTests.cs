using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Correctness.InsertWithoutColumnList>;

namespace PgLint.Rules.Tests.Correctness;

public sealed class InsertWithoutColumnListTests
{
    [Test]
    public void Insert_values_without_columns_is_reported() =>
        Verifier.Verify(
            "INSERT INTO [|public.orders|] VALUES (1, 42, 'open');",
            new VerifyOptions { ExpectedMessages = ["INSERT INTO public.orders without a column list depends on the table's column order: a column added, dropped or reordered later makes it fail or fill the wrong columns; list the columns."] });

    [Test]
    public void Insert_select_without_columns_is_reported() =>
        Verifier.Verify("INSERT INTO [|archived_orders|] SELECT id, customer_id, status FROM orders WHERE status = 'closed';");

    [Test]
    public void Insert_with_columns_or_default_values_is_not_reported() =>
        Verifier.Verify(
            """
            INSERT INTO orders (id, customer_id, status) VALUES (1, 42, 'open');
            INSERT INTO audit_events DEFAULT VALUES;
            """);

    [Test]
    public void Seed_rows_for_a_table_created_in_the_same_file_are_not_reported_but_for_an_earlier_file_are() =>
        Verifier.Verify(
            """
            CREATE TABLE statuses (id smallint PRIMARY KEY, name text NOT NULL);
            INSERT INTO statuses VALUES (1, 'open'), (2, 'closed');
            INSERT INTO [|countries|] VALUES ('NL', 'Netherlands');
            """,
            new VerifyOptions { PrecedingFiles = ["CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);"] });
}
