using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Security.PlaintextPassword>;

namespace PgLint.Rules.Tests.Security;

public sealed class PlaintextPasswordTests
{
    [Test]
    public void Password_literal_is_reported_without_repeating_it() =>
        Verifier.Verify(
            "CREATE ROLE app_user LOGIN [|PASSWORD|] 'hunter2';",
            new VerifyOptions { ExpectedMessages = ["Role app_user is given a plaintext password in the statement, where anyone who reads the file, the server log or pg_stat_statements can use it; set the password outside the migration (psql \\password, or a secret the deploy supplies)."] });

    [Test]
    public void Md5_hash_is_reported_as_a_hash() =>
        Verifier.Verify(
            "ALTER ROLE app_user WITH [|PASSWORD|] 'md5d7d880f96044b72d0bba108ace96d1e4';",
            new VerifyOptions { ExpectedMessages = ["Role app_user is given an md5 password hash, which logs in as well as the password itself under md5 authentication, in the statement, where anyone who reads the file, the server log or pg_stat_statements can use it; set the password outside the migration (psql \\password, or a secret the deploy supplies)."] });

    [Test]
    public void Scram_verifier_is_reported_as_a_verifier() =>
        Verifier.Verify(
            "CREATE ROLE app_user [|PASSWORD|] 'SCRAM-SHA-256$4096:A6xHKoH/494E941doaPOYg==$Ky+A30sewHIH3VHQLRN9vYsuzlgNyGNKCh37dy96Rqw=:COPdlNiIkrsacU5QoxydEuOH6e/KfiipeETb/bPw8ZI=';",
            new VerifyOptions { ExpectedMessages = ["Role app_user is given a SCRAM verifier, which lets its reader guess the password offline, in the statement, where anyone who reads the file, the server log or pg_stat_statements can use it; set the password outside the migration (psql \\password, or a secret the deploy supplies)."] });

    [Test]
    public void Malformed_scram_verifier_is_reported_as_the_plaintext_password_postgres_hashes()
    {
        const string Plaintext = "Role app_user is given a plaintext password in the statement, where anyone who reads the file, the server log or pg_stat_statements can use it; set the password outside the migration (psql \\password, or a secret the deploy supplies).";
        Verifier.Verify(
            """
            CREATE ROLE app_user [|PASSWORD|] 'SCRAM-SHA-256$1234';
            ALTER ROLE app_user [|PASSWORD|] 'SCRAM-SHA-256$4096:A6xHKoH/494E941doaPOYg==$Ky+A30sewHIH3VHQLRN9vYsuzlgNyGNKCh37dy96Rqw=:COPdlNiIkrsacU5QoxydEuOH6e/KfiipeETb/bPw8ZIAAAA=';
            """,
            new VerifyOptions { ExpectedMessages = [Plaintext, Plaintext] });
    }

    [Test]
    public void Create_user_with_encrypted_password_is_reported() =>
        Verifier.Verify("CREATE USER reporting WITH [|ENCRYPTED|] PASSWORD 'secret';");

    [Test]
    public void Role_without_password_and_password_null_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE ROLE app_user LOGIN;
            ALTER ROLE app_user PASSWORD NULL;
            ALTER ROLE app_user PASSWORD '';
            """);

    [Test]
    public void Password_in_a_do_block_is_reported() =>
        Verifier.Verify(
            """
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_user') THEN
                    CREATE ROLE app_user LOGIN [|PASSWORD|] 'hunter2';
                END IF;
            END
            $$;
            """);

    [Test]
    public void Password_built_by_format_in_a_do_block_is_not_reported() =>
        Verifier.Verify(
            """
            DO $$
            BEGIN
                EXECUTE format('CREATE ROLE app_user LOGIN PASSWORD %L', current_setting('app.password'));
            END
            $$;
            """);
}
