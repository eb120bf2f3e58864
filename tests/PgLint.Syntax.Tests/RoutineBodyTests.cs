using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Syntax.Tests;

public sealed class RoutineBodyTests
{
    private static SyntaxTree Parse(string sql) => SqlParser.Parse(SourceText.From(sql, "test.sql"));

    private static LinePosition Start(SyntaxTree tree, TextSpan span) => tree.Source.GetLinePosition(span.Start);

    private static SqlStatement Embedded(SyntaxTree tree, string text) =>
        tree.Statements.SelectMany(static s => s.Body?.Statements ?? []).Single(s => s.Text == text);

    [Test]
    public void A_statement_in_a_dollar_quoted_plpgsql_body_is_parsed_at_its_line_and_column()
    {
        var tree = Parse("""
            SELECT 1;
            CREATE FUNCTION reset() RETURNS void LANGUAGE plpgsql AS $fn$
            BEGIN
                UPDATE accounts SET balance = 0;
            END
            $fn$;
            """);

        var body = tree.Statements[1].Body!;
        body.IsPlpgsql.Should().BeTrue();
        body.Kind.Should().Be(RoutineKind.Function);
        body.Error.Should().BeNull();
        var update = Embedded(tree, "UPDATE accounts SET balance = 0");
        update.Root!.UpdateStmt.Relation.Relname.Should().Be("accounts");
        update.Routine.Should().BeSameAs(body);
        Start(tree, update.Span).Should().Be(new LinePosition(4, 5));
        Start(tree, update.GetTokenSpan(update.Root.UpdateStmt.Relation.Location)).Should().Be(new LinePosition(4, 12));
    }

    [Test]
    public void A_single_quoted_body_with_doubled_quotes_crlf_and_non_ascii_text_maps_exactly()
    {
        var tree = Parse("CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS 'BEGIN\r\n  -- größe ''x''\r\n  RAISE NOTICE ''größe'';\r\n  DELETE FROM t WHERE name = ''ä'' AND b = 1;\r\n  RETURN 1;\r\nEND';");

        var delete = Embedded(tree, "DELETE FROM t WHERE name = ''ä'' AND b = 1");
        delete.EmbeddedKind.Should().Be(EmbeddedSqlKind.Statement);
        var where = delete.Root!.DeleteStmt.WhereClause.BoolExpr.Args[1].AExpr;
        tree.Source.ToString(delete.GetTokenSpan(where.Lexpr.ColumnRef.Location)).Should().Be("b");
        Start(tree, delete.GetTokenSpan(where.Lexpr.ColumnRef.Location)).Should().Be(new LinePosition(4, 40));
        tree.Comments.Should().Contain(static c => c.Text == "-- größe ''x''");
    }

    [Test]
    public void Expressions_are_parsed_as_selects_and_keep_their_place()
    {
        var tree = Parse("""
            DO $$
            DECLARE
              n int := 0;
            BEGIN
              IF n > 1 THEN
                n := n + 2;
              END IF;
              EXECUTE 'DELETE FROM ' || tbl;
              PERFORM pg_sleep(n);
              SELECT count(*) INTO n FROM t;
            END $$;
            """);

        var function = tree.Statements[0].Body!.Plpgsql!;
        var execute = function.Statements.Single(static s => s.Kind == PlpgsqlStatementKind.DynamicExecute).GetExpression("query")!;
        execute.Value!.AExpr.Name[0].String.Sval.Should().Be("||");
        Start(tree, execute.Span!.Value).Should().Be(new LinePosition(8, 11));
        var assignment = function.Statements.Single(static s => s.Kind == PlpgsqlStatementKind.Assign).Expressions[0];
        assignment.Kind.Should().Be(EmbeddedSqlKind.Assignment);
        tree.Source.ToString(assignment.Sql!.GetTokenSpan(assignment.Value!.AExpr.Rexpr.AConst.Location)).Should().Be("2");
        Start(tree, assignment.Sql.GetTokenSpan(assignment.Value.AExpr.Rexpr.AConst.Location)).Should().Be(new LinePosition(6, 14));
        var perform = function.Statements.Single(static s => s.Kind == PlpgsqlStatementKind.Perform).Expressions[0];
        tree.Source.ToString(perform.Span!.Value).Should().Be("PERFORM pg_sleep(n)");
        var select = function.Statements.Single(static s => s.Kind == PlpgsqlStatementKind.ExecSql).Expressions[0];
        select.Sql!.Root!.SelectStmt.FromClause[0].RangeVar.Relname.Should().Be("t");
        tree.Source.ToString(select.Span!.Value).Should().Be("SELECT count(*) INTO n FROM t");
        function.Variables.Single(static v => v.Name == "n").IsDeclared.Should().BeTrue();
        tree.Statements[0].Body!.RunsAtDeploy.Should().BeTrue();
    }

    [Test]
    public void A_body_that_does_not_parse_has_an_error_on_its_line_and_the_next_statement_still_parses()
    {
        var tree = Parse("""
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
              RETURN 1;
              SELECT 1 FROM WHERE;
            END $$;
            CREATE TABLE t (a int);
            """);

        var error = tree.Statements[0].Body!.Error!;
        error.Message.Should().Be("syntax error at or near \"WHERE\"");
        Start(tree, error.Span).Should().Be(new LinePosition(4, 17));
        tree.Statements[1].Root!.CreateStmt.Should().NotBeNull();
    }

    [Test]
    public void The_tests_plpgsql_makes_up_for_a_simple_case_are_marked_generated_and_not_placed()
    {
        var tree = Parse("DO $$ DECLARE op text := 'x'; BEGIN CASE op WHEN 'INSERT' THEN NULL; ELSE NULL; END CASE; END $$;");

        var function = tree.Statements[0].Body!.Plpgsql!;
        var when = function.Statements.Single(static s => s.Kind == PlpgsqlStatementKind.Case).Branches.Single().Condition!;
        when.IsGenerated.Should().BeTrue();
        when.Sql.Should().BeNull();
        function.Statements.Single(static s => s.Kind == PlpgsqlStatementKind.Case).GetExpression("t_expr")!.Value!.ColumnRef.Fields[0].String.Sval.Should().Be("op");
    }

    [Test]
    public void A_sql_body_is_split_into_statements()
    {
        var tree = Parse("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ DELETE FROM a; UPDATE b SET c = 1 $$;");

        tree.Statements[0].Body!.Statements.Select(static s => s.Text).Should().Equal("DELETE FROM a", "UPDATE b SET c = 1");
    }

    [Test]
    public void C_functions_and_begin_atomic_bodies_have_no_string_body()
    {
        var tree = Parse("CREATE FUNCTION f() RETURNS int LANGUAGE c AS 'lib', 'f'; CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;");

        tree.Statements.Should().OnlyContain(static s => s.Body == null);
    }
}
