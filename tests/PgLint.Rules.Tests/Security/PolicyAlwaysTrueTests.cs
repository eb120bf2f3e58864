using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.PolicyAlwaysTrue>;

namespace PgLint.Rules.Tests.Security;

public sealed class PolicyAlwaysTrueTests
{
    [Test]
    public void Update_policy_using_true_is_reported() =>
        Verifier.Verify(
            "CREATE POLICY anyone_updates ON app.documents FOR UPDATE USING ([|true|]);",
            new VerifyOptions { ExpectedMessages = ["The USING of policy anyone_updates on app.documents is always true, so every role may update every row and the other policies of the table change nothing for them; compare the row with the current user or tenant instead."] });

    [Test]
    public void Insert_policy_with_check_tautology_is_reported() =>
        Verifier.Verify("CREATE POLICY anyone_inserts ON app.documents FOR INSERT TO authenticated WITH CHECK ([|1 = 1|]);");

    [Test]
    public void Or_true_is_reported() =>
        Verifier.Verify("CREATE POLICY p ON app.documents USING ([|owner_id = current_user_id() OR true|]);");

    [Test]
    public void Select_policies_restrictive_policies_and_real_conditions_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE POLICY readable ON app.documents FOR SELECT USING (true);
            CREATE POLICY restricted ON app.documents AS RESTRICTIVE FOR ALL USING (true);
            CREATE POLICY own_rows ON app.documents FOR ALL USING (owner_id = current_user_id()) WITH CHECK (owner_id = current_user_id());
            CREATE POLICY same ON app.documents FOR DELETE USING (owner_id = owner_id);
            """);

    [Test]
    public void Alter_policy_to_true_is_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE app.documents (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
            CREATE POLICY own_rows ON app.documents FOR DELETE USING (owner_id = current_user_id());
            ALTER POLICY own_rows ON app.documents USING ([|'t'::boolean|]);
            """);

    [Test]
    public void Policy_in_a_do_block_is_reported() =>
        Verifier.Verify(
            """
            DO $$
            BEGIN
                CREATE POLICY anyone_deletes ON app.documents FOR DELETE USING ([|true|]);
            END
            $$;
            """);
}
