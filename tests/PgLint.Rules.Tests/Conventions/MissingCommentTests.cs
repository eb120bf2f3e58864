using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Conventions.MissingComment>;

namespace PgLint.Rules.Tests.Conventions;

public sealed class MissingCommentTests
{
    [Test]
    public void Table_without_a_comment_is_reported() =>
        Verifier.Verify(
            "[|CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)|];",
            new VerifyOptions
            {
                EnabledRules = ["PG7004"],
                ExpectedMessages = ["Table public.orders has no comment; describe it with COMMENT ON so that psql's \\d+ and schema browsers show what its rows are."],
            });

    [Test]
    public void Commented_table_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);
            COMMENT ON TABLE orders IS 'One row per checkout.';
            """,
            new VerifyOptions { EnabledRules = ["PG7004"] });

    [Test]
    public void Temporary_table_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TEMP TABLE recur (f1 int);
            CREATE TEMPORARY TABLE scratch AS SELECT 1 AS x;
            """,
            new VerifyOptions { EnabledRules = ["PG7004"] });

    [Test]
    public void Columns_are_reported_when_asked() =>
        Verifier.Verify(
            """
            [|CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)|];
            COMMENT ON TABLE orders IS 'One row per checkout.';
            COMMENT ON COLUMN orders.id IS 'Order number.';
            """,
            new VerifyOptions
            {
                EnabledRules = ["PG7004"],
                RuleOptionsJson = """{ "PG7004": { "columns": true } }""",
                ExpectedMessages = ["Column total of public.orders has no comment; describe it with COMMENT ON so that psql's \\d+ and schema browsers show what it holds."],
            });

    [Test]
    public void Off_by_default() =>
        LintSettings.DefaultState(PgLint.Rules.Conventions.MissingComment.Rule, Profiles.AppMigration).Enabled.Should().BeFalse();
}
