using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class DuplicateColumnTests
{
    [Test]
    public void Duplicates_in_create_insert_and_update_are_reported() =>
        AnalyzerVerifier<DuplicateColumn>.Verify(
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, status text, [|status|] text);
            INSERT INTO orders (id, status, [|status|]) VALUES (1, 'a', 'b');
            UPDATE orders SET status = 'a', [|status|] = 'b' WHERE id = 1;
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Column status appears more than once in this CREATE TABLE, which PostgreSQL rejects when the statement runs; remove the duplicate or name the column that was meant.",
                    "Column status appears more than once in this INSERT column list, which PostgreSQL rejects when the statement runs; remove the duplicate or name the column that was meant.",
                    "Column status appears more than once in this UPDATE … SET, which PostgreSQL rejects when the statement runs; remove the duplicate or name the column that was meant.",
                ],
            });

    [Test]
    public void Distinct_columns_and_element_assignments_are_not_reported() =>
        AnalyzerVerifier<DuplicateColumn>.Verify(
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, status text, tags text[]);
            UPDATE orders SET tags[1] = 'a', tags[2] = 'b', status = 'x' WHERE id = 1;
            INSERT INTO orders (id, status) VALUES (1, 'a');
            """);
}
