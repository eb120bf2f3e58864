using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.FunctionInRlsPolicyPerRow>;

namespace PgLint.Rules.Tests.Performance;

public sealed class FunctionInRlsPolicyPerRowTests
{
    [Test]
    public void Bare_row_independent_calls_are_reported() =>
        Verifier.Verify(
            "CREATE POLICY tenant_isolation ON orders USING (tenant_id = [|current_setting('app.tenant_id')|]::bigint) WITH CHECK (owner_id = [|auth.uid()|]);",
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "current_setting('app.tenant_id') in policy tenant_isolation returns the same value for the whole statement but is evaluated for every row the policy checks; write (SELECT current_setting('app.tenant_id')) so it runs once.",
                    "auth.uid() in policy tenant_isolation returns the same value for the whole statement but is evaluated for every row the policy checks; write (SELECT auth.uid()) so it runs once.",
                ],
            });

    [Test]
    public void Wrapped_calls_row_dependent_calls_and_builtins_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE POLICY tenant_isolation ON orders USING (tenant_id = (SELECT current_setting('app.tenant_id'))::bigint);
            CREATE POLICY owner_only ON orders USING (owner_id = (SELECT auth.uid()) AND lower(owner_email) = current_user AND created_at < now());
            SELECT current_setting('app.tenant_id');
            """);
}
