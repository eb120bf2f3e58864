using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Syntax.Tests;

public sealed class NewerSyntaxTests
{
    private static SyntaxTree Parse(string sql) => SqlParser.Parse(SourceText.From(sql, "test.sql"));

    private static NewerSyntax? NewerSyntaxOf(string sql)
    {
        var statement = Parse(sql).Statements.Single();
        statement.IsParsed.Should().BeFalse($"PostgreSQL 15 does not parse {sql}");
        return statement.Error!.NewerSyntax;
    }

    [TestCase("SELECT JSON_OBJECT('a': 1, 'b' VALUE 2 ABSENT ON NULL)", "JSON_OBJECT", 16)]
    [TestCase("SELECT JSON_OBJECT(KEY 'a' VALUE 1 RETURNING jsonb)", "JSON_OBJECT", 16)]
    [TestCase("SELECT JSON_ARRAY(1, NULL, 3 NULL ON NULL)", "JSON_ARRAY", 16)]
    [TestCase("SELECT JSON_ARRAY(SELECT id FROM orders)", "JSON_ARRAY", 16)]
    [TestCase("SELECT JSON_ARRAYAGG(id ORDER BY id RETURNING jsonb) FILTER (WHERE id > 0) FROM orders", "JSON_ARRAYAGG", 16)]
    [TestCase("SELECT JSON_OBJECTAGG(name: total WITH UNIQUE KEYS) FROM orders", "JSON_OBJECTAGG", 16)]
    [TestCase("SELECT id FROM events WHERE payload IS JSON OBJECT", "IS JSON", 16)]
    [TestCase("SELECT payload IS NOT JSON ARRAY WITH UNIQUE KEYS FROM events", "IS JSON", 16)]
    [TestCase("GRANT reporting TO alice WITH INHERIT TRUE", "GRANT … WITH INHERIT TRUE", 16)]
    [TestCase("GRANT reporting TO alice WITH ADMIN FALSE, SET TRUE GRANTED BY admin", "GRANT … WITH ADMIN FALSE", 16)]
    [TestCase("REVOKE SET OPTION FOR reporting FROM alice", "REVOKE SET OPTION FOR", 16)]
    [TestCase("SELECT 0x1F", "a hexadecimal, octal or binary integer literal", 16)]
    [TestCase("SELECT id FROM orders WHERE flags = 0b101 OR mode = 0o17", "a hexadecimal, octal or binary integer literal", 16)]
    [TestCase("UPDATE orders SET total = 1_000_000.50 WHERE id = 1", "an underscore in a numeric literal", 16)]
    [TestCase("SELECT x FROM (SELECT 1 AS x)", "a subquery in FROM without an alias", 16)]
    [TestCase("SELECT * FROM (VALUES (1), (2)) JOIN (SELECT 2) ON true", "a subquery in FROM without an alias", 16)]
    [TestCase("SELECT jt.* FROM orders, JSON_TABLE(orders.doc, '$.items[*]' COLUMNS (sku text PATH '$.sku', qty int)) AS jt", "JSON_TABLE", 17)]
    [TestCase("SELECT JSON_QUERY(doc, '$.tags' WITH CONDITIONAL WRAPPER) FROM orders", "JSON_QUERY", 17)]
    [TestCase("SELECT JSON_VALUE(doc, '$.qty' RETURNING int DEFAULT 0 ON EMPTY) FROM orders", "JSON_VALUE", 17)]
    [TestCase("SELECT id FROM orders WHERE JSON_EXISTS(doc, '$.gift' FALSE ON ERROR)", "JSON_EXISTS", 17)]
    [TestCase("SELECT JSON_SERIALIZE(doc RETURNING bytea) FROM orders", "JSON_SERIALIZE", 17)]
    [TestCase("SELECT JSON('{\"a\": 1}' WITH UNIQUE KEYS)", "JSON", 17)]
    [TestCase("MERGE INTO stock s USING deliveries d ON s.sku = d.sku WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty RETURNING merge_action(), s.*", "MERGE … RETURNING", 17)]
    [TestCase("MERGE INTO stock s USING deliveries d ON s.sku = d.sku WHEN NOT MATCHED BY SOURCE THEN DELETE", "MERGE … WHEN NOT MATCHED BY SOURCE", 17)]
    [TestCase("MERGE INTO stock s USING deliveries d ON s.sku = d.sku WHEN NOT MATCHED BY TARGET THEN INSERT VALUES (d.sku, d.qty)", "MERGE … WHEN NOT MATCHED BY TARGET", 17)]
    [TestCase("ALTER TABLE orders ALTER COLUMN total SET EXPRESSION AS (price * qty)", "ALTER COLUMN … SET EXPRESSION AS", 17)]
    [TestCase("ALTER TABLE orders SET ACCESS METHOD DEFAULT", "SET ACCESS METHOD DEFAULT", 17)]
    [TestCase("SELECT created_at AT LOCAL FROM orders", "AT LOCAL", 17)]
    public void A_statement_in_newer_syntax_names_the_construct_and_its_version(string sql, string construct, int version) =>
        NewerSyntaxOf(sql).Should().Be(new NewerSyntax(construct, version));

    [Test]
    public void A_statement_with_constructs_of_two_releases_names_the_newer_one() =>
        NewerSyntaxOf("SELECT JSON_OBJECT('n': 0x10), jt.a FROM JSON_TABLE('[1]', '$[*]' COLUMNS (a int PATH '$'))  jt")
            .Should().Be(new NewerSyntax("JSON_TABLE", 17));

    [TestCase("CREATE TABLE json_table (id int,)")]
    [TestCase("SELECT json_table, FROM reports")]
    [TestCase("SELECT json_object(names,) FROM t")]
    [TestCase("SELECT JSON_OBJECT('a': 1) FROM orders WHERE")]
    [TestCase("SELECT JSON_TABLE(doc, '$' COLUMNS (a int)) FROM orders ORDER")]
    [TestCase("GRANT reporting TO alice WITH INHERIT TRUE FOO")]
    [TestCase("SELECT 0x")]
    [TestCase("SELECT 0x1G")]
    [TestCase("SELECT 1__000")]
    [TestCase("SELECT 123abc")]
    [TestCase("SELECT (SELECT 1) x AT LOCAL ZONE")]
    public void A_real_syntax_error_is_not_newer_syntax(string sql) =>
        NewerSyntaxOf(sql).Should().BeNull();

    [Test]
    public void A_table_named_json_table_still_parses()
    {
        var tree = Parse("CREATE TABLE json_table (id int);\nSELECT json_object(ARRAY['a', 'b']) FROM json_table;");

        tree.Statements.Should().OnlyContain(static s => s.IsParsed);
    }

    [Test]
    public void A_newer_integer_literal_leaves_the_rest_of_the_file_parsed()
    {
        var tree = Parse("CREATE TABLE t (a int);\nSELECT 0xFF_FF, 'größe' FROM t;\nCREATE INDEX i ON t (a);\nSELECT 1_000;\n");

        tree.Statements.Should().HaveCount(4);
        tree.Statements[0].IsParsed.Should().BeTrue();
        tree.Statements[1].Error!.NewerSyntax!.PostgresVersion.Should().Be(16);
        tree.Statements[1].Text.Should().Be("SELECT 0xFF_FF, 'größe' FROM t");
        tree.Statements[2].Root!.IndexStmt.Idxname.Should().Be("i");
        tree.Statements[3].Error!.NewerSyntax!.Construct.Should().Be("an underscore in a numeric literal");
        tree.Comments.Should().BeEmpty();
    }

    [Test]
    public void The_error_of_a_newer_statement_is_still_at_the_parsers_position()
    {
        var tree = Parse("SELECT 'größe';\nSELECT 'ü', JSON_OBJECT('a' VALUE 1);");

        var error = tree.Statements[1].Error!;
        error.Message.Should().Be("syntax error at or near \"VALUE\"");
        tree.Source.GetLinePosition(error.Span.Start).Should().Be(new LinePosition(2, 29));
    }
}
