using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.Performance.TextSearchWithoutIndex>;

namespace PgLint.Rules.Tests.Performance;

public sealed class TextSearchWithoutIndexTests
{
    [Test]
    public void Unindexed_to_tsvector_is_reported() =>
        Verifier.Verify(
            "SELECT id FROM posts WHERE [|to_tsvector('english', body)|] @@ to_tsquery('english', $1);",
            new VerifyOptions { ExpectedMessages = ["to_tsvector('english', body) is computed for every row, parsing and stemming its text, because no index has exactly this expression; create a GIN index on it (with the same configuration), or store the vector in a generated column with a GIN index."] });

    [Test]
    public void A_matching_index_a_stored_vector_and_constants_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE posts (id bigint PRIMARY KEY, body text NOT NULL, title text NOT NULL, search tsvector);
            CREATE INDEX posts_body_fts ON posts USING gin (to_tsvector('english', body));
            SELECT id FROM posts p WHERE to_tsvector('english', p.body) @@ to_tsquery('english', $1);
            SELECT id FROM posts WHERE search @@ to_tsquery('english', $1);
            SELECT to_tsvector('english', 'a fat cat') @@ to_tsquery('cat');
            SELECT id FROM posts WHERE [|to_tsvector('simple', title)|] @@ to_tsquery('simple', $1);
            """);
}
