using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.AttachPartitionWithoutCheck>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class AttachPartitionWithoutCheckTests
{
    private static readonly VerifyOptions Events = new()
    {
        PrecedingFiles =
        [
            """
            CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text NOT NULL) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 (id bigint NOT NULL, at date NOT NULL, kind text NOT NULL);
            CREATE TABLE events_2025 (id bigint NOT NULL, at date, kind text NOT NULL);
            CREATE TABLE notes (id bigint NOT NULL, kind text NOT NULL) PARTITION BY LIST (kind);
            CREATE TABLE notes_ab (id bigint NOT NULL, kind text NOT NULL);
            CREATE TABLE notes_c (id bigint NOT NULL, kind text);
            """,
        ],
    };

    [Test]
    public void Attaching_without_a_matching_check_is_reported() =>
        Verifier.Verify(
            "[|ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')|];",
            Events with
            {
                ExpectedMessages = ["Attaching events_2024 to events scans every row of events_2024 under an ACCESS EXCLUSIVE lock (and SHARE UPDATE EXCLUSIVE on events) to check the partition bound: no validated CHECK constraint on events_2024 is known to match it."],
            });

    [Test]
    public void A_validated_check_matching_the_range_bound_silences_it() =>
        Verifier.Verify(
            """
            ALTER TABLE events_2024 ADD CONSTRAINT events_2024_bound CHECK (at >= DATE '2024-01-01' AND at < DATE '2025-01-01') NOT VALID;
            ALTER TABLE events_2024 VALIDATE CONSTRAINT events_2024_bound;
            ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            """,
            Events);

    [Test]
    public void A_check_that_is_not_validated_or_does_not_match_the_bound_does_not_silence_it() =>
        Verifier.Verify(
            """
            ALTER TABLE events_2024 ADD CONSTRAINT events_2024_bound CHECK (at >= '2024-01-01' AND at < '2025-01-01') NOT VALID;
            [|ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')|];
            [|ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2024-07-01')|];
            """,
            Events);

    [Test]
    public void A_nullable_key_column_needs_is_not_null_in_the_check() =>
        Verifier.Verify(
            """
            ALTER TABLE events_2025 ADD CONSTRAINT events_2025_bound CHECK (at >= '2025-01-01' AND at < '2026-01-01');
            [|ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')|];
            ALTER TABLE events_2025 DROP CONSTRAINT events_2025_bound;
            ALTER TABLE events_2025 ADD CONSTRAINT events_2025_bound CHECK (at IS NOT NULL AND at >= '2025-01-01' AND at < '2026-01-01');
            ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            """,
            Events);

    [Test]
    public void Open_range_sides_need_no_conjunct() =>
        Verifier.Verify(
            """
            ALTER TABLE events_2024 ADD CONSTRAINT events_2024_bound CHECK (at < '2025-01-01');
            ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM (MINVALUE) TO ('2025-01-01');
            """,
            Events);

    [Test]
    public void List_bounds_match_an_in_list_or_an_equality() =>
        Verifier.Verify(
            """
            ALTER TABLE notes_ab ADD CONSTRAINT notes_ab_bound CHECK (kind IN ('b', 'a'));
            ALTER TABLE notes ATTACH PARTITION notes_ab FOR VALUES IN ('a', 'b');
            ALTER TABLE notes_c ADD CONSTRAINT notes_c_bound CHECK (kind = 'c');
            [|ALTER TABLE notes ATTACH PARTITION notes_c FOR VALUES IN ('c')|];
            ALTER TABLE notes_c ALTER COLUMN kind SET NOT NULL;
            ALTER TABLE notes ATTACH PARTITION notes_c FOR VALUES IN ('c');
            [|ALTER TABLE notes ATTACH PARTITION notes_c FOR VALUES IN ('c', 'd')|];
            """,
            Events);

    [Test]
    public void Default_partitions_and_unknown_tables_are_reported() =>
        Verifier.Verify(
            """
            [|ALTER TABLE notes ATTACH PARTITION notes_ab DEFAULT|];
            [|ALTER TABLE logs ATTACH PARTITION logs_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')|];
            """,
            Events);

    [Test]
    public void A_partition_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE events_2026 (LIKE events INCLUDING ALL);
            ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            """,
            Events);

    [Test]
    public void For_tables_the_catalog_does_not_know_a_check_validated_earlier_in_the_file_matches_on_the_column_it_bounds() =>
        Verifier.Verify(
            """
            ALTER TABLE logs_2024 ADD CONSTRAINT logs_2024_bound CHECK (at IS NOT NULL AND at >= '2024-01-01' AND at < '2025-01-01') NOT VALID;
            [|ALTER TABLE logs ATTACH PARTITION logs_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')|];
            ALTER TABLE logs_2024 VALIDATE CONSTRAINT logs_2024_bound;
            ALTER TABLE logs ATTACH PARTITION logs_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            [|ALTER TABLE logs ATTACH PARTITION logs_2024 FOR VALUES FROM ('2024-01-01') TO ('2026-01-01')|];
            """);

    [Test]
    public void A_check_on_a_column_other_than_the_known_partition_key_does_not_match() =>
        Verifier.Verify(
            """
            ALTER TABLE events_2024 ADD COLUMN logged_on date NOT NULL DEFAULT '2024-06-01';
            ALTER TABLE events_2024 ADD CONSTRAINT events_2024_bound CHECK (logged_on >= '2024-01-01' AND logged_on < '2025-01-01');
            [|ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')|];
            """,
            Events);
}
