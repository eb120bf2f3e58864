using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.DangerousServerFunction>;

namespace PgLint.Rules.Tests.Security;

public sealed class DangerousServerFunctionTests
{
    [Test]
    public void Copy_from_program_is_reported() =>
        Verifier.Verify(
            "[|COPY app.imports FROM PROGRAM 'curl -s https://example.com/data.csv' WITH (FORMAT csv)|];",
            new VerifyOptions { ExpectedMessages = ["COPY … FROM PROGRAM runs a shell command on the database server as the operating-system user of PostgreSQL, and needs superuser or pg_execute_server_program; move the data through the client instead (COPY … FROM STDIN / TO STDOUT, or psql's \\copy)."] });

    [Test]
    public void Copy_to_program_inside_a_do_block_is_reported() =>
        Verifier.Verify(
            """
            DO $$
            BEGIN
                [|COPY (SELECT 1) TO PROGRAM 'gzip > /tmp/out.gz'|];
            END
            $$;
            """);

    [Test]
    public void Copy_from_stdin_and_from_a_file_are_not_reported() =>
        Verifier.Verify(
            """
            COPY app.imports FROM STDIN WITH (FORMAT csv);
            COPY app.imports FROM '/var/lib/postgresql/import.csv' WITH (FORMAT csv);
            """);

    [Test]
    public void Server_file_functions_are_reported() =>
        Verifier.Verify(
            """
            SELECT [|pg_read_file|]('/etc/passwd');
            SELECT [|pg_catalog.pg_read_binary_file|]('global/pg_control');
            SELECT [|lo_import|]('/tmp/photo.jpg');
            SELECT [|lo_export|](16409, '/tmp/photo.jpg');
            """);

    [Test]
    public void Dblink_with_an_inline_password_is_reported() =>
        Verifier.Verify(
            "SELECT * FROM [|dblink|]('host=db2 dbname=sales user=etl password=secret', 'SELECT id FROM orders') AS t(id bigint);",
            new VerifyOptions { ExpectedMessages = ["dblink() passes a password in its connection string, where anyone who reads the code or pg_stat_statements finds it; create a foreign server with a user mapping that holds the password and pass the server's name."] });

    [Test]
    public void Dblink_with_a_foreign_server_and_lookalike_functions_are_not_reported() =>
        Verifier.Verify(
            """
            SELECT * FROM dblink('sales_server', 'SELECT id FROM orders') AS t(id bigint);
            SELECT app.pg_read_file('notes');
            SELECT lo_get(16409);
            """);
}
