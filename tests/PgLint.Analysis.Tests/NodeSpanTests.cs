using FluentAssertions;
using NUnit.Framework;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Analysis.Tests;

public sealed class NodeSpanTests
{
    // Each statement marks the WHERE condition of its (first) SELECT; text before it is not ASCII,
    // so a byte offset taken for a character offset would move the span.
    [TestCase("SELECT 'héllo ✓' FROM a, b WHERE [|a.x = b.y|];")]
    [TestCase("SELECT 'ü' FROM a WHERE [|a.x = public.b.y|] ORDER BY 1;")]
    [TestCase("SELECT '😀' FROM a WHERE [|x = NULL|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|a.x IS NULL|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|a.x IS NOT NULL|] LIMIT 1;")]
    [TestCase("SELECT 'é' FROM a WHERE [|a.flag IS NOT TRUE|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|x = y::double precision|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|x = y::timestamp(3) with time zone|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|x = y::pg_catalog.int4[]|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|x = y::character varying(10)|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|x = CAST(y AS numeric(10, 2))|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|x = now()|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|x = s.f(a.b)|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|x = lower(a.b) AND true|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|x = y COLLATE pg_catalog.\"C\"|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|(a.x + 1) = b.y|];")]
    [TestCase("SELECT 'é' FROM a WHERE [|x = 1|];")]
    public void A_where_condition_spans_its_whole_text(string markup)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", StringComparison.Ordinal) - 2;
        var sql = markup.Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal);
        var statement = SqlParser.Parse(SourceText.From("SELECT 1;\n" + sql, "test.sql")).Statements[1];
        var condition = statement.Root!.SelectStmt.WhereClause;

        var span = NodeSpans.GetNodeSpan(statement, condition);

        span.Should().Be(TextSpan.FromBounds(start + 10, end + 10));
    }

    [Test]
    public void A_count_star_call_spans_its_argument_list()
    {
        var statement = SqlParser.Parse(SourceText.From("SELECT 'ä', count(*) FROM a;", "test.sql")).Statements[0];
        var call = statement.Root!.SelectStmt.TargetList[1].ResTarget.Val;

        var span = NodeSpans.GetNodeSpan(statement, call);

        statement.Source.ToString(span).Should().Be("count(*)");
        span.Start.Should().Be(12);
    }

    [Test]
    public void A_qualified_table_spans_its_schema_and_name()
    {
        var statement = SqlParser.Parse(SourceText.From("SELECT 'ä' FROM sales.\"Orders\" o;", "test.sql")).Statements[0];
        var relation = statement.Root!.SelectStmt.FromClause[0];

        var span = NodeSpans.GetNodeSpan(statement, relation);

        span.Should().Be(TextSpan.FromBounds(16, 30));
    }
}
