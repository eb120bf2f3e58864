using PgLint.Rules.SchemaDesign;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class ImpreciseMoneyTypeTests
{
    [Test]
    public void Floating_point_money_columns_are_reported() =>
        AnalyzerVerifier<ImpreciseMoneyType>.Verify(
            "CREATE TABLE orders (id bigint PRIMARY KEY, unit_price [|double precision|] NOT NULL, total [|real|]);",
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Column unit_price looks like an amount of money but is double precision, a binary floating-point type that cannot represent most decimal fractions exactly, so sums and comparisons drift; use numeric(p, s).",
                    "Column total looks like an amount of money but is real, a binary floating-point type that cannot represent most decimal fractions exactly, so sums and comparisons drift; use numeric(p, s).",
                ],
            });

    [Test]
    public void Numeric_money_and_other_floats_are_not_reported() =>
        AnalyzerVerifier<ImpreciseMoneyType>.Verify("CREATE TABLE orders (id bigint PRIMARY KEY, unit_price numeric(12, 2) NOT NULL, weight_kg double precision, pricelist text);");
}
