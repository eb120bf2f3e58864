using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class SqlAsciiEncodingTests
{
    [Test]
    public void Sql_ascii_database_is_reported() =>
        AnalyzerVerifier<SqlAsciiEncoding>.Verify(
            "CREATE DATABASE legacy WITH [|ENCODING 'SQL_ASCII'|] TEMPLATE template0;",
            new VerifyOptions { ExpectedMessages = ["Database legacy uses SQL_ASCII, which stores non-ASCII bytes unchecked and unconverted, so text from clients with different encodings mixes and cannot be converted later; use ENCODING 'UTF8'."] });

    [Test]
    public void Utf8_and_default_encodings_are_not_reported() =>
        AnalyzerVerifier<SqlAsciiEncoding>.Verify(
            """
            CREATE DATABASE app WITH ENCODING 'UTF8' TEMPLATE template0;
            CREATE DATABASE other;
            """);
}
