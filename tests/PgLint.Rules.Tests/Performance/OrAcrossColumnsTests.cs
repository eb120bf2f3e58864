using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.OrAcrossColumns>;

namespace PgLint.Rules.Tests.Performance;

public sealed class OrAcrossColumnsTests
{
    [Test]
    public void Or_over_different_columns_is_reported() =>
        Verifier.Verify(
            "SELECT id FROM users WHERE [|email = $1 OR phone = $2|];",
            new VerifyOptions { ExpectedMessages = ["This OR matches on different columns (email, phone), which no single index serves: it needs an index on each column combined by a BitmapOr, or a UNION of single-column queries."] });

    [Test]
    public void Same_column_joins_and_mixed_conditions_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT id FROM users WHERE status = 'a' OR status = 'b';
            SELECT u.id FROM users u JOIN accounts a ON a.id = u.account_id WHERE u.email = $1 OR a.email = $1;
            SELECT id FROM users WHERE email = $1 OR phone LIKE $2;
            SELECT id FROM users WHERE email = phone OR name = $1;
            """);
}
