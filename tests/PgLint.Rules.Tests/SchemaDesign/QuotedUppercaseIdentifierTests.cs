using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class QuotedUppercaseIdentifierTests
{
    [Test]
    public void Mixed_case_table_view_and_column_names_are_reported() =>
        AnalyzerVerifier<QuotedUppercaseIdentifier>.Verify(
            """
            CREATE TABLE [|"UserAccounts"|] (id bigint PRIMARY KEY, [|"createdAt"|] timestamptz NOT NULL);
            CREATE VIEW [|"ActiveUsers"|] AS SELECT id FROM "UserAccounts";
            ALTER TABLE "UserAccounts" ADD COLUMN [|"lastSeen"|] timestamptz;
            """,
            new VerifyOptions { ExpectedMessages = ["\"UserAccounts\" can only be referred to quoted and in exactly this case, because PostgreSQL folds unquoted names to lower case; use a lower-case snake_case name.", "\"createdAt\" can only be referred to quoted and in exactly this case, because PostgreSQL folds unquoted names to lower case; use a lower-case snake_case name.", "\"ActiveUsers\" can only be referred to quoted and in exactly this case, because PostgreSQL folds unquoted names to lower case; use a lower-case snake_case name.", "\"lastSeen\" can only be referred to quoted and in exactly this case, because PostgreSQL folds unquoted names to lower case; use a lower-case snake_case name."] });

    [Test]
    public void Unquoted_mixed_case_and_quoted_lower_case_are_not_reported() =>
        AnalyzerVerifier<QuotedUppercaseIdentifier>.Verify("""CREATE TABLE UserAccounts (id bigint PRIMARY KEY, "created_at" timestamptz, CreatedBy text);""");
}
