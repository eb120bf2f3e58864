using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class BanMoneyTypeTests
{
    [Test]
    public void Money_columns_are_reported() =>
        AnalyzerVerifier<BanMoneyType>.Verify(
            "CREATE TABLE invoices (id bigint PRIMARY KEY, total [|money|] NOT NULL);",
            new VerifyOptions { ExpectedMessages = ["Column total is money: its fractional digits and currency symbol come from the lc_monetary setting, so a dump restored under another locale or read by another client changes its values; use numeric(p, s) and keep the currency in its own column."] });

    [Test]
    public void Numeric_columns_and_money_casts_are_not_reported() =>
        AnalyzerVerifier<BanMoneyType>.Verify(
            """
            CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL);
            SELECT total::money FROM invoices;
            """);
}
