using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Indexes.DuplicateIndex>;

namespace PgLint.Rules.Tests.Indexes;

public sealed class DuplicateIndexTests
{
    [Test]
    public void Second_index_on_the_same_column_is_reported() =>
        Verifier.Verify(
            """
            CREATE INDEX users_email_idx ON users (email);
            [|CREATE INDEX users_by_email ON users (email)|];
            """,
            new VerifyOptions { ExpectedMessages = ["Index users_by_email duplicates users_email_idx on users; every write maintains both for no gain."] });

    [Test]
    public void Plain_index_duplicating_a_unique_constraint_is_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE);
            [|CREATE INDEX users_email_idx ON users (email)|];
            """);

    [Test]
    public void Plain_index_created_before_a_unique_constraint_on_the_same_column_is_the_one_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
            [|CREATE INDEX users_email_idx ON users (email)|];
            ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
            """,
            new VerifyOptions { ExpectedMessages = ["Index users_email_idx duplicates users_email_key on users; every write maintains both for no gain."] });

    [Test]
    public void Indexes_with_different_predicates_or_methods_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE INDEX users_email_idx ON users (email);
            CREATE INDEX users_active_email_idx ON users (email) WHERE deleted_at IS NULL;
            CREATE INDEX users_email_hash ON users USING hash (email);
            CREATE INDEX users_lower_email_idx ON users (lower(email));
            """);

    [Test]
    public void Index_with_the_same_keys_in_another_order_is_not_reported() =>
        Verifier.Verify(
            """
            CREATE INDEX a_x_y ON a (x, y);
            CREATE INDEX a_y_x ON a (y, x);
            """);
}
