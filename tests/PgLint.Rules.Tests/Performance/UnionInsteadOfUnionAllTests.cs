using PgLint.Rules.Performance;

namespace PgLint.Rules.Tests.Performance;

public sealed class UnionInsteadOfUnionAllTests
{
    [Test]
    public void Branches_told_apart_by_a_string_constant_are_reported_at_the_union() =>
        AnalyzerVerifier<UnionInsteadOfUnionAll>.Verify(
            """
            SELECT 'café' AS kind, id FROM orders [|UNION|] SELECT 'refund', id FROM refunds;
            """,
            new VerifyOptions { ExpectedMessages = ["The branches of this UNION differ in output column 1 ('café', 'refund'), so no row can come from both; UNION still sorts or hashes the whole result to remove duplicates; use UNION ALL unless a branch can return duplicate rows of its own that must go."] });

    [Test]
    public void Three_branches_with_distinct_integers_are_reported_once() =>
        AnalyzerVerifier<UnionInsteadOfUnionAll>.Verify(
            "SELECT id, 1 FROM a [|UNION|] SELECT id, 2 FROM b UNION SELECT id, 3 FROM c;");

    [Test]
    public void Union_all_and_branches_without_a_distinguishing_constant_are_not_reported() =>
        AnalyzerVerifier<UnionInsteadOfUnionAll>.Verify(
            """
            SELECT 'a', id FROM orders UNION ALL SELECT 'b', id FROM refunds;
            SELECT id FROM orders UNION SELECT id FROM refunds;
            SELECT 'a', id FROM orders UNION SELECT 'a', id FROM refunds;
            """);

    [Test]
    public void A_repeated_constant_in_any_branch_is_not_reported() =>
        AnalyzerVerifier<UnionInsteadOfUnionAll>.Verify(
            "SELECT 'a', id FROM x UNION ALL SELECT 'b', id FROM y UNION SELECT 'a', id FROM z;");

    [Test]
    public void A_union_inside_union_all_is_judged_on_its_own_branches() =>
        AnalyzerVerifier<UnionInsteadOfUnionAll>.Verify(
            "SELECT 'a', id FROM x [|UNION|] SELECT 'b', id FROM y UNION ALL SELECT 'a', id FROM z;");

    [Test]
    public void Constants_of_different_kinds_or_casts_are_not_compared() =>
        AnalyzerVerifier<UnionInsteadOfUnionAll>.Verify(
            """
            SELECT 1, id FROM x UNION SELECT '1', id FROM y;
            SELECT '1'::int, id FROM x UNION SELECT '01'::int, id FROM y;
            """);
}
