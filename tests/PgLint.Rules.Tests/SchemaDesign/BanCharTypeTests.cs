using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class BanCharTypeTests
{
    [Test]
    public void Char_columns_are_reported() =>
        AnalyzerVerifier<BanCharType>.Verify(
            """
            CREATE TABLE countries (code [|char(2)|] PRIMARY KEY, name text NOT NULL);
            ALTER TABLE countries ADD COLUMN flag [|character(4)|];
            """,
            new VerifyOptions { ExpectedMessages = ["Column code is character(2): char(n) pads values with spaces to the full length, the padding is ignored by some operations and kept by others, and it is not stored more compactly; use text or varchar.", "Column flag is character(4): char(n) pads values with spaces to the full length, the padding is ignored by some operations and kept by others, and it is not stored more compactly; use text or varchar."] });

    [Test]
    public void Varchar_text_and_the_internal_char_type_are_not_reported() =>
        AnalyzerVerifier<BanCharType>.Verify("""CREATE TABLE countries (code varchar(2) PRIMARY KEY, name text, kind "char");""");
}
