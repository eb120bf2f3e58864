using Npgsql;
using PgLint.Rules.Tests.Live;
using PgLint.Tests.Shared;

namespace PgLint.Rules.Tests.Health;

public sealed class TrustAuthenticationTests
{
    private static HbaRule Line(int number, string type, string method) =>
        new() { LineNumber = number, Type = type, Databases = ["all"], Users = ["all"], Address = type == "local" ? null : "10.0.0.0", Netmask = type == "local" ? null : "255.0.0.0", AuthMethod = method };

    [Test]
    public void Trust_md5_and_password_over_tcp_are_reported_at_their_lines_and_local_or_scram_are_not()
    {
        var statistics = new DatabaseStatistics
        {
            ServerVersionNumber = 150004,
            HbaRules = [Line(1, "local", "trust"), Line(2, "host", "trust"), Line(3, "hostssl", "md5"), Line(4, "host", "password"), Line(5, "host", "scram-sha-256"), Line(6, "host", "peer")],
        };

        var found = LiveLint.Run(new Catalog(), statistics).Where(static d => d.Id == "PG9906").ToList();

        found.Select(static d => d.Location.Logical!.FullyQualifiedName).Should().Equal("pg_hba.conf:2", "pg_hba.conf:3", "pg_hba.conf:4");
        found[0].Message.Should().Be("pg_hba.conf line 2 (host all all 10.0.0.0/255.0.0.0 trust) lets anyone who can reach the server over TCP/IP connect as these roles without a password.");
        found.Should().OnlyContain(static d => d.Severity == Severity.Error);
    }

    [Test]
    public void Md5_is_not_reported_before_scram_existed() =>
        LiveLint.Run(new Catalog(), new DatabaseStatistics { ServerVersionNumber = 90624, HbaRules = [Line(1, "host", "md5")] })
            .Should().NotContain(static d => d.Id == "PG9906");

    [Test]
    public void The_test_clusters_own_lines_are_read_from_pg_hba_file_rules()
    {
        using var database = TestPostgres.CreateDatabase("hba");
        int expected;
        using (var connection = database.Open())
        using (var command = new NpgsqlCommand(
            """
            SELECT CASE WHEN has_function_privilege('pg_hba_file_rules()', 'EXECUTE')
                THEN (SELECT count(*) FROM pg_hba_file_rules WHERE error IS NULL AND type LIKE 'host%' AND auth_method IN ('trust', 'md5', 'password'))::int
                ELSE 0 END
            """,
            connection))
        {
            expected = (int)command.ExecuteScalar()!;
        }

        LiveLint.Run(database).Count(static d => d.Id == "PG9906").Should().Be(expected);
    }
}
