using System.Text;
using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Syntax.Tests;

public sealed class SqlParserTests
{
    private static SyntaxTree Parse(string sql) => SqlParser.Parse(SourceText.From(sql, "test.sql"));

    [Test]
    public void Each_statement_gets_its_own_tree_and_a_span_without_the_semicolon()
    {
        var tree = Parse("CREATE TABLE t (a int);\n  CREATE INDEX i ON t (a);\n");

        tree.Statements.Should().HaveCount(2);
        tree.Statements[0].Root!.CreateStmt.Should().NotBeNull();
        tree.Statements[1].Root!.IndexStmt.Relation.Relname.Should().Be("t");
        tree.Statements[1].Text.Should().Be("CREATE INDEX i ON t (a)");
        tree.Source.GetLinePosition(tree.Statements[1].Span.Start).Should().Be(new LinePosition(2, 3));
    }

    [Test]
    public void A_garbage_third_statement_is_an_error_at_line_3_and_the_others_still_parse()
    {
        var tree = Parse("CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);\nthis is not sql;\nCREATE INDEX j ON u (b);\n");

        tree.Statements.Should().HaveCount(4);
        tree.Statements.Where(static s => s.Ordinal != 2).Should().OnlyContain(static s => s.IsParsed);
        var error = tree.Statements[2].Error!;
        error.Message.Should().Contain("syntax error at or near \"this\"");
        tree.Source.GetLinePosition(error.Span.Start).Should().Be(new LinePosition(3, 1));
    }

    [Test]
    public void Error_position_is_the_parsers_cursor_mapped_through_multibyte_text()
    {
        var tree = Parse("SELECT 'größe 🚀', x FROM t WHERE y = 1 AND ORDER;");

        var error = tree.Statements.Single().Error!;
        error.Message.Should().Contain("\"ORDER\"");
        tree.Source.ToString(error.Span).Should().Be("ORDER");
    }

    [Test]
    public void Statements_that_do_not_start_with_a_keyword_are_not_lost()
    {
        var tree = Parse("SELEC 1;\n(SELECT 1) UNION SELECT 2;\nSELECT 3;");

        tree.Statements.Select(static s => s.Text).Should().Equal("SELEC 1", "(SELECT 1) UNION SELECT 2", "SELECT 3");
        tree.Statements[0].Error.Should().NotBeNull();
        tree.Statements[1].IsParsed.Should().BeTrue();
    }

    [Test]
    public void An_unterminated_quote_fails_its_statement_but_not_the_ones_before_it()
    {
        var tree = Parse("SELECT 1;\nSELECT 2;\nSELECT 'oops;\nSELECT 4;");

        tree.Statements.Should().HaveCount(3);
        tree.Statements[0].IsParsed.Should().BeTrue();
        tree.Statements[1].IsParsed.Should().BeTrue();
        tree.Statements[2].Error!.Message.Should().Contain("unterminated quoted string");
        tree.Source.GetLinePosition(tree.Statements[2].Span.Start).Line.Should().Be(3);
    }

    [Test]
    public void Psql_meta_commands_and_copy_data_are_set_aside()
    {
        var tree = Parse("\\set ON_ERROR_STOP on\nSELECT 1;\nCOPY t (a, b) FROM stdin;\n1\tx;y\n2\tz\n\\.\nSELECT 2;\n");

        tree.Statements.Select(static s => s.Kind).Should().Equal(
            StatementKind.PsqlMetaCommand, StatementKind.Sql, StatementKind.Sql, StatementKind.CopyData, StatementKind.Sql);
        tree.Statements.Where(static s => s.Kind == StatementKind.Sql).Should().OnlyContain(static s => s.IsParsed);
        tree.Statements[4].Text.Should().Be("SELECT 2");
    }

    [Test]
    public void A_function_body_with_semicolons_is_one_statement()
    {
        var tree = Parse("CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; RETURN 2; END $$;\nSELECT f();");

        tree.Statements.Should().HaveCount(2);
        tree.Statements[0].Root!.CreateFunctionStmt.Should().NotBeNull();
    }

    [Test]
    public void Comments_are_collected_with_their_spans_including_after_the_last_statement()
    {
        var tree = Parse("-- first\nSELECT 1; /* second */\n-- last");

        tree.Comments.Select(static c => c.Text).Should().Equal("-- first", "/* second */", "-- last");
        tree.Comments[1].IsBlock.Should().BeTrue();
        tree.Source.GetLinePosition(tree.Comments[2].Span.Start).Should().Be(new LinePosition(3, 1));
    }

    [Test]
    public void Empty_and_comment_only_files_have_no_statements()
    {
        Parse(string.Empty).Statements.Should().BeEmpty();
        Parse("-- nothing here\n/* at all */\n;;").Statements.Should().BeEmpty();
    }

    [Test]
    public void A_nul_byte_does_not_end_the_input()
    {
        var tree = Parse("SELECT 1;\0\nSELECT 2;");

        tree.Statements.Where(static s => s.IsParsed).Should().HaveCount(2);
    }

    [Test]
    public void Node_locations_map_to_file_offsets_after_non_ascii_statements()
    {
        const string sql = "SELECT 'ünïcödé';\r\nCREATE INDEX i ON orders (customer_id);";
        var tree = Parse(sql);

        var index = tree.Statements[1];
        var relationOffset = index.GetCharOffset(index.Root!.IndexStmt.Relation.Location);

        relationOffset.Should().Be(sql.IndexOf("orders", StringComparison.Ordinal));
        index.Source.ToString(index.GetTokenSpan(index.Root.IndexStmt.Relation.Location)).Should().Be("orders");
        tree.Source.GetLinePosition(relationOffset).Should().Be(new LinePosition(2, 19));
    }

    [Test]
    public void A_node_span_extends_over_closing_parentheses()
    {
        var tree = Parse("SELECT lower(email) FROM t");
        var statement = tree.Statements[0];
        var call = statement.Root!.SelectStmt.TargetList[0].ResTarget.Val.FuncCall;

        var span = statement.GetSpan(call.Location, call.Args[0].ColumnRef.Location);

        statement.Source.ToString(span).Should().Be("lower(email)");
    }

    [Test]
    public void Parsing_from_many_threads_gives_the_same_trees()
    {
        var sql = string.Join('\n', Enumerable.Range(0, 50).Select(static i => $"CREATE INDEX i{i} ON t{i} (c); SELEC {i};"));
        var expected = Parse(sql).Statements.Select(static s => (s.Span, s.Error?.Message, s.Root?.ToString())).ToList();

        var results = new System.Collections.Concurrent.ConcurrentBag<List<(TextSpan, string?, string?)>>();
        Parallel.For(0, 16, _ => results.Add([.. Parse(sql).Statements.Select(static s => (s.Span, s.Error?.Message, s.Root?.ToString()))]));

        results.Should().HaveCount(16).And.OnlyContain(r => r.SequenceEqual(expected));
    }

    [Test]
    public void Fingerprint_ignores_constants_and_layout()
    {
        SqlParser.Fingerprint("SELECT * FROM t WHERE a = 1").Should().Be(SqlParser.Fingerprint("select *\n from t where a = 42"));
        SqlParser.Fingerprint("SELECT * FROM t").Should().NotBe(SqlParser.Fingerprint("SELECT * FROM u"));
    }

    [Test]
    public void Parse_text_reports_the_parser_message()
    {
        SqlParser.ParseText("SELECT FROM WHERE", out var error).Should().BeNull();
        error.Should().Contain("syntax error");
        SqlParser.ParseText("SELECT 1", out error)!.Stmts.Should().HaveCount(1);
        error.Should().BeNull();
    }

    [Test]
    public void Utf8_bytes_reach_the_parser_unchanged()
    {
        var tree = Parse("SELECT 'größe 🚀'");
        var constant = tree.Statements[0].Root!.SelectStmt.TargetList[0].ResTarget.Val.AConst.Sval.Sval;

        constant.Should().Be("größe 🚀");
        Encoding.UTF8.GetByteCount(constant).Should().Be(12);
    }
}

public sealed class StatementSpanTests
{
    [TestCase("SELECT 1 WHERE (a + b) = 3", "(a + b) = 3")]
    [TestCase("SELECT 1 WHERE arr[1] = 3", "arr[1] = 3")]
    [TestCase("SELECT 1 WHERE ((a)) = 3", "((a)) = 3")]
    public void A_node_span_balances_parentheses_and_brackets_on_both_sides(string sql, string expected)
    {
        var statement = SqlParser.Parse(SourceText.From(sql)).Statements[0];
        var where = statement.Root!.SelectStmt.WhereClause.AExpr;
        var left = where.Lexpr;
        var firstLocation = left.ColumnRef?.Location ?? left.AExpr?.Lexpr.ColumnRef.Location ?? left.AIndirection.Arg.ColumnRef.Location;

        var span = statement.GetSpan(firstLocation, where.Rexpr.AConst.Location);

        statement.Source.ToString(span).Should().Be(expected);
    }
}
