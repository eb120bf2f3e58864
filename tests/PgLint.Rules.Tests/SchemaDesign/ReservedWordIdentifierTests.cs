using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class ReservedWordIdentifierTests
{
    [Test]
    public void Reserved_and_type_function_name_keywords_as_table_view_and_column_names_are_reported() =>
        AnalyzerVerifier<ReservedWordIdentifier>.Verify(
            """
            CREATE TABLE [|"user"|] (id bigint PRIMARY KEY, [|"order"|] int NOT NULL);
            CREATE VIEW [|"left"|] AS SELECT id FROM "user";
            ALTER TABLE "user" ADD COLUMN [|"join"|] text;
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "\"user\" is a reserved keyword in PostgreSQL: it must be quoted in every statement that names it, and unquoted it is a syntax error or means the keyword; choose a name that is not a keyword.",
                    "\"order\" is a reserved keyword in PostgreSQL: it must be quoted in every statement that names it, and unquoted it is a syntax error or means the keyword; choose a name that is not a keyword.",
                    "\"left\" is a keyword that may only name types and functions in PostgreSQL: it must be quoted in every statement that names it, and unquoted it is a syntax error or means the keyword; choose a name that is not a keyword.",
                    "\"join\" is a keyword that may only name types and functions in PostgreSQL: it must be quoted in every statement that names it, and unquoted it is a syntax error or means the keyword; choose a name that is not a keyword.",
                ],
            });

    [Test]
    public void Ordinary_names_and_keywords_that_work_unquoted_are_not_reported() =>
        AnalyzerVerifier<ReservedWordIdentifier>.Verify("""CREATE TABLE events (id bigint PRIMARY KEY, "time" timestamptz, position int, name text, value text, "users" text);""");

    [Test]
    public void A_quoted_name_that_differs_from_the_keyword_in_case_is_not_reported() =>
        AnalyzerVerifier<ReservedWordIdentifier>.Verify("""CREATE TABLE "User" (id bigint PRIMARY KEY, "Order" int);""");

    [Test]
    public void Result_columns_of_a_function_in_from_are_not_reported() =>
        AnalyzerVerifier<ReservedWordIdentifier>.Verify("""SELECT * FROM json_to_record('{"user": 1}') AS x("user" int);""");
}
