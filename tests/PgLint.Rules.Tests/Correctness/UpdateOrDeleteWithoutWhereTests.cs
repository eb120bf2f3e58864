using PgLint.Syntax;
using PgLint.Rules.Correctness;

namespace PgLint.Rules.Tests.Correctness;

public sealed class UpdateOrDeleteWithoutWhereTests
{
    [Test]
    public void Update_without_where_in_a_plpgsql_function_is_reported_at_its_own_line_and_column()
    {
        const string Sql = """
            CREATE FUNCTION reset_balances() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                [|UPDATE accounts SET balance = 0|];
            END;
            $$;
            """;
        AnalyzerVerifier<UpdateOrDeleteWithoutWhere>.Verify(
            Sql,
            new VerifyOptions { ExpectedMessages = ["UPDATE accounts has no WHERE clause, so it changes every row of the table."] });

        var source = SourceText.From(Sql.Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal));
        var registry = new RuleRegistry([new UpdateOrDeleteWithoutWhere()]);
        var result = new LintEngine(new LintSettings(registry, [])).Run(source);
        result.Diagnostics.Should().ContainSingle().Which.Location.LineSpan.Start.Should().Be(new LinePosition(3, 5));
    }

    [Test]
    public void Delete_without_where_at_top_level_and_in_a_single_quoted_sql_body_is_reported() =>
        AnalyzerVerifier<UpdateOrDeleteWithoutWhere>.Verify(
            "[|DELETE FROM sessions|];\nCREATE FUNCTION purge() RETURNS void LANGUAGE sql AS '[|DELETE FROM audit_log|]';",
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "DELETE FROM sessions has no WHERE clause, so it deletes every row of the table.",
                    "DELETE FROM audit_log has no WHERE clause, so it deletes every row of the table.",
                ],
            });

    [Test]
    public void Statements_with_where_or_current_of_are_not_reported() =>
        AnalyzerVerifier<UpdateOrDeleteWithoutWhere>.Verify("""
            UPDATE accounts SET balance = 0 WHERE id = 1;
            DO $$
            DECLARE c CURSOR FOR SELECT * FROM accounts;
            BEGIN
              FOR r IN c LOOP
                DELETE FROM accounts WHERE CURRENT OF c;
              END LOOP;
            END $$;
            """);

    [Test]
    public void Backfilling_a_column_added_in_the_same_file_is_not_reported_but_in_a_function_it_is() =>
        AnalyzerVerifier<UpdateOrDeleteWithoutWhere>.Verify("""
            ALTER TABLE accounts ADD COLUMN currency text;
            UPDATE accounts SET currency = 'EUR';
            CREATE FUNCTION set_currency() RETURNS void LANGUAGE sql AS $$ [|UPDATE accounts SET currency = 'EUR'|] $$;
            """);

    [Test]
    public void Backfilling_a_column_added_by_an_earlier_file_of_the_set_is_not_reported() =>
        AnalyzerVerifier<UpdateOrDeleteWithoutWhere>.Verify(
            "UPDATE accounts SET currency = 'EUR'; [|UPDATE accounts SET balance = 0|];",
            new VerifyOptions { PrecedingFiles = ["ALTER TABLE accounts ADD COLUMN currency text;"] });

    [Test]
    public void A_table_created_in_the_same_file_is_not_reported_at_top_level() =>
        AnalyzerVerifier<UpdateOrDeleteWithoutWhere>.Verify("CREATE TABLE t (id int PRIMARY KEY, a int); INSERT INTO t VALUES (1, 1); UPDATE t SET a = 2;");
}
