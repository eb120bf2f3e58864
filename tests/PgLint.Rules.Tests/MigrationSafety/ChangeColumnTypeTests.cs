using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.MigrationSafety.ChangeColumnType>;

namespace PgLint.Rules.Tests.MigrationSafety;

public sealed class ChangeColumnTypeTests
{
    private const string Schema = """
        CREATE TABLE orders (
            id int PRIMARY KEY, status varchar(20), note text, total numeric(10, 2), amount decimal(8),
            placed_at timestamp(3), created_at timestamp, paid_at timestamptz, duration interval, flags varbit(5),
            network cidr, pick_time time(0), code char(3), tags varchar(20)[]
        );
        """;

    private static readonly VerifyOptions Known = new() { PrecedingFiles = [Schema] };
    private static readonly VerifyOptions Utc = Known with { RuleOptionsJson = """{ "PG1014": { "timeZoneIsUtc": true } }""" };

    [Test]
    public void Changes_that_rewrite_are_reported() =>
        Verifier.Verify(
            """
            [|ALTER TABLE orders ALTER COLUMN id TYPE bigint|];
            [|ALTER TABLE orders ALTER COLUMN status TYPE varchar(10)|];
            [|ALTER TABLE orders ALTER COLUMN note TYPE varchar(30)|];
            [|ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 3)|];
            [|ALTER TABLE orders ALTER COLUMN total TYPE numeric(8, 2)|];
            [|ALTER TABLE orders ALTER COLUMN created_at TYPE timestamp(3)|];
            [|ALTER TABLE orders ALTER COLUMN placed_at TYPE timestamp(0)|];
            [|ALTER TABLE orders ALTER COLUMN duration TYPE interval(3)|];
            [|ALTER TABLE orders ALTER COLUMN code TYPE char(10)|];
            [|ALTER TABLE orders ALTER COLUMN tags TYPE text[]|];
            """,
            Known with
            {
                ExpectedMessages =
                [
                    "Changing column id of orders to bigint rewrites orders and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes (integer is not binary-coercible to it).",
                    "Changing column status of orders to character varying(10) rewrites orders and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes (character varying(20) is not binary-coercible to it).",
                    "Changing column note of orders to character varying(30) rewrites orders and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes (text is not binary-coercible to it).",
                    "Changing column total of orders to numeric(12,3) rewrites orders and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes (numeric(10,2) is not binary-coercible to it).",
                    "Changing column total of orders to numeric(8,2) rewrites orders and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes (numeric(12,3) is not binary-coercible to it).",
                    "Changing column created_at of orders to timestamp(3) without time zone rewrites orders and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes (timestamp without time zone is not binary-coercible to it).",
                    "Changing column placed_at of orders to timestamp(0) without time zone rewrites orders and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes (timestamp(3) without time zone is not binary-coercible to it).",
                    "Changing column duration of orders to interval rewrites orders and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes (interval is not binary-coercible to it).",
                    "Changing column code of orders to character(10) rewrites orders and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes (character(3) is not binary-coercible to it).",
                    "Changing column tags of orders to text[] rewrites orders and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes (character varying(20)[] is not binary-coercible to it).",
                ],
            });

    [Test]
    public void Binary_coercible_changes_are_not_reported() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ALTER COLUMN status TYPE varchar(40);
            ALTER TABLE orders ALTER COLUMN status TYPE varchar;
            ALTER TABLE orders ALTER COLUMN status TYPE text;
            ALTER TABLE orders ALTER COLUMN note TYPE varchar;
            ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2);
            ALTER TABLE orders ALTER COLUMN total TYPE numeric;
            ALTER TABLE orders ALTER COLUMN amount TYPE numeric(10);
            ALTER TABLE orders ALTER COLUMN placed_at TYPE timestamp(6);
            ALTER TABLE orders ALTER COLUMN placed_at TYPE timestamp;
            ALTER TABLE orders ALTER COLUMN pick_time TYPE time(3);
            ALTER TABLE orders ALTER COLUMN duration TYPE interval;
            ALTER TABLE orders ALTER COLUMN flags TYPE varbit(10);
            ALTER TABLE orders ALTER COLUMN flags TYPE bit varying;
            ALTER TABLE orders ALTER COLUMN network TYPE inet;
            ALTER TABLE orders ALTER COLUMN id TYPE integer;
            ALTER TABLE orders ALTER COLUMN tags TYPE character varying(20)[];
            """,
            Known);

    [Test]
    public void A_using_clause_rewrites_unless_it_is_the_column_itself() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ALTER COLUMN status TYPE text USING status;
            ALTER TABLE orders ALTER COLUMN status TYPE text USING status::text;
            [|ALTER TABLE orders ALTER COLUMN status TYPE text USING lower(status)|];
            """,
            Known with { ExpectedMessages = ["Changing column status of orders to text rewrites orders and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes: the USING expression computes every row anew."] });

    [Test]
    public void An_unknown_old_type_is_reported_as_such() =>
        Verifier.Verify(
            "[|ALTER TABLE shipments ALTER COLUMN carrier TYPE text|];",
            new VerifyOptions { ExpectedMessages = ["Changing column carrier of shipments to text rewrites shipments and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes (the old type of carrier is not known, so the change cannot be shown to be binary-coercible)."] });

    [Test]
    public void Timestamp_to_timestamptz_is_silent_only_on_PostgreSQL_12_with_a_UTC_session() =>
        Verifier.Verify(
            """
            ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz;
            ALTER TABLE orders ALTER COLUMN paid_at TYPE timestamp;
            ALTER TABLE orders ALTER COLUMN placed_at TYPE timestamptz(3);
            [|ALTER TABLE orders ALTER COLUMN placed_at TYPE timestamptz(0)|];
            """,
            Utc with { PostgresVersion = new PostgresVersion(12, 0) });

    [Test]
    public void Timestamp_to_timestamptz_is_reported_before_PostgreSQL_12_even_in_UTC() =>
        Verifier.Verify("[|ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz|];", Utc with { PostgresVersion = new PostgresVersion(11, 0) });

    [Test]
    public void Timestamp_to_timestamptz_is_reported_when_the_session_time_zone_is_not_known_to_be_UTC() =>
        Verifier.Verify("[|ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz|];", Known);

    [Test]
    public void A_table_created_earlier_in_the_file_is_not_reported() =>
        Verifier.Verify("CREATE TABLE refunds (id int PRIMARY KEY); ALTER TABLE refunds ALTER COLUMN id TYPE bigint;");
}
