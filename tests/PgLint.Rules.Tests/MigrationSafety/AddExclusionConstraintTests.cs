using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class AddExclusionConstraintTests
{
    [Test]
    public void An_exclusion_constraint_on_an_existing_table_is_reported() =>
        AnalyzerVerifier<AddExclusionConstraint>.Verify("[|ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)|];");

    [Test]
    public void One_on_a_table_created_earlier_in_the_file_is_not_reported() =>
        AnalyzerVerifier<AddExclusionConstraint>.Verify("CREATE TABLE b (during tsrange); ALTER TABLE b ADD EXCLUDE USING gist (during WITH &&);");
}
