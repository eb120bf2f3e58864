using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.AddUniqueConstraintBuildsIndex>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class AddUniqueConstraintBuildsIndexTests
{
    private static readonly VerifyOptions KnownOrders = new()
    {
        PrecedingFiles = ["CREATE TABLE orders (id bigint NOT NULL, number text, customer_id bigint);"],
    };

    [Test]
    public void Unique_and_primary_key_constraints_that_build_their_index_are_reported() =>
        Verifier.Verify(
            """
            [|ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE (number)|];
            [|ALTER TABLE orders ADD PRIMARY KEY (id)|];
            [|ALTER TABLE orders ADD COLUMN code text UNIQUE|];
            """,
            new VerifyOptions
            {
                ExpectedMessages =
                [
                    "Adding unique constraint orders_number_key to orders builds its index under an ACCESS EXCLUSIVE lock that blocks all reads and writes of orders for the whole build.",
                    "Adding a primary key to orders builds its index under an ACCESS EXCLUSIVE lock that blocks all reads and writes of orders for the whole build.",
                    "Adding a unique constraint on new column code to orders builds its index under an ACCESS EXCLUSIVE lock that blocks all reads and writes of orders for the whole build.",
                ],
            });

    [Test]
    public void Constraints_using_an_existing_index_or_other_constraints_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE UNIQUE INDEX CONCURRENTLY orders_number_key ON orders (number);
            ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE USING INDEX orders_number_key;
            ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_key;
            ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
            """);

    [Test]
    public void A_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE refunds (id bigint, number text);
            ALTER TABLE refunds ADD PRIMARY KEY (id), ADD UNIQUE (number);
            """);

    [Test]
    public void Fix_builds_the_index_concurrently_then_adds_the_constraint_using_it()
    {
        Verifier.VerifyFix(
            "[|ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE (number)|];",
            "CREATE UNIQUE INDEX CONCURRENTLY orders_number_key ON orders (number);\nALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE USING INDEX orders_number_key;",
            KnownOrders);
        var fix = Verifier.Lint("ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE (number);", KnownOrders).Single().Fixes.Single();
        fix.Safety.Should().Be(FixSafety.Safe);
        fix.ValidInTransactionBlock.Should().BeFalse();
    }

    [Test]
    public void Fix_names_an_unnamed_constraint_as_PostgreSQL_would_and_keeps_deferrable() =>
        Verifier.VerifyFix(
            "[|ALTER TABLE app.orders ADD UNIQUE (customer_id, number) DEFERRABLE INITIALLY DEFERRED|];",
            "CREATE UNIQUE INDEX CONCURRENTLY orders_customer_id_number_key ON app.orders (customer_id, number);\nALTER TABLE app.orders ADD CONSTRAINT orders_customer_id_number_key UNIQUE USING INDEX orders_customer_id_number_key DEFERRABLE INITIALLY DEFERRED;");

    [Test]
    public void Fix_for_a_primary_key_over_a_nullable_or_unknown_column_is_unsafe()
    {
        Verifier.VerifyFix(
            "[|ALTER TABLE orders ADD PRIMARY KEY (number)|];",
            "CREATE UNIQUE INDEX CONCURRENTLY orders_pkey ON orders (number);\nALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey;",
            KnownOrders);
        Verifier.Lint("ALTER TABLE orders ADD PRIMARY KEY (number);", KnownOrders).Single().Fixes.Single().Safety.Should().Be(FixSafety.Unsafe);
        Verifier.Lint("ALTER TABLE orders ADD PRIMARY KEY (id);", KnownOrders).Single().Fixes.Single().Safety.Should().Be(FixSafety.Safe);
        Verifier.Lint("ALTER TABLE shipments ADD PRIMARY KEY (id);").Single().Fixes.Single().Safety.Should().Be(FixSafety.Unsafe);
    }

    [Test]
    public void Fix_inside_a_transaction_block_is_unsafe() =>
        Verifier.Lint("BEGIN; ALTER TABLE orders ADD UNIQUE (number); COMMIT;", KnownOrders).Single().Fixes.Single().Safety.Should().Be(FixSafety.Unsafe);

    [Test]
    public void No_fix_for_several_subcommands_or_index_options()
    {
        Verifier.Lint("ALTER TABLE orders ADD UNIQUE (number), ADD COLUMN note text;").Single().Fixes.Should().BeEmpty();
        Verifier.Lint("ALTER TABLE orders ADD UNIQUE (number) INCLUDE (customer_id);").Single().Fixes.Should().BeEmpty();
        Verifier.Lint("ALTER TABLE orders ADD UNIQUE NULLS NOT DISTINCT (number);").Single().Fixes.Should().BeEmpty();
    }
}
