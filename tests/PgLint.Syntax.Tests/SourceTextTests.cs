using System.Text;
using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Syntax.Tests;

public sealed class SourceTextTests
{
    [Test]
    public void Ascii_offsets_map_to_one_based_lines_and_columns()
    {
        var text = SourceText.From("SELECT 1;\nSELECT 22;\n");

        text.GetLinePosition(0).Should().Be(new LinePosition(1, 1));
        text.GetLinePosition(10).Should().Be(new LinePosition(2, 1));
        text.GetLinePosition(17).Should().Be(new LinePosition(2, 8));
        text.LineCount.Should().Be(3);
    }

    [Test]
    public void Column_after_non_ascii_comment_counts_utf16_code_units()
    {
        const string sql = "SELECT /* größe 🚀 */ x = NULL;";
        var text = SourceText.From(sql);
        var byteOffsetOfX = Encoding.UTF8.GetByteCount("SELECT /* größe 🚀 */ ");

        var charOffset = text.GetCharOffset(byteOffsetOfX);

        charOffset.Should().Be(sql.IndexOf('x', StringComparison.Ordinal));
        // "SELECT /* größe " is 16 code units, the rocket is a surrogate pair (2), then " */ " (4).
        text.GetLinePosition(charOffset).Should().Be(new LinePosition(1, 23));
    }

    [Test]
    public void Byte_and_char_offsets_round_trip_through_multibyte_text()
    {
        var text = SourceText.From("-- ü\n'日本' 🚀 ok");

        for (var c = 0; c <= text.Length; c++)
        {
            if (c < text.Length && char.IsLowSurrogate(text.Text[c]))
            {
                continue;
            }

            text.GetCharOffset(text.GetByteOffset(c)).Should().Be(c, "offset {0} must survive the round trip", c);
        }

        text.Utf8.Length.Should().Be(Encoding.UTF8.GetByteCount(text.Text));
    }

    [Test]
    public void Crlf_line_ends_count_as_one_break_and_are_not_part_of_the_line()
    {
        var text = SourceText.From("SELECT 1;\r\nSELECT 2;\r\n");

        text.GetLinePosition(11).Should().Be(new LinePosition(2, 1));
        text.GetLineText(1).Should().Be("SELECT 1;");
        text.GetLineText(2).Should().Be("SELECT 2;");
        text.LineCount.Should().Be(3);
    }

    [Test]
    public void A_lone_carriage_return_is_a_line_break()
    {
        var text = SourceText.From("a\rb");

        text.GetLinePosition(2).Should().Be(new LinePosition(2, 1));
    }

    [Test]
    public void Utf8_byte_order_mark_is_recognised_and_not_counted_as_a_column()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("SELECT 1;")).ToArray();

        var text = SourceText.FromBytes(bytes, "bom.sql");

        text.HasByteOrderMark.Should().BeTrue();
        text.Text.Should().Be("SELECT 1;");
        text.GetLinePosition(0).Should().Be(new LinePosition(1, 1));
        text.Utf8.Should().Equal(Encoding.UTF8.GetBytes("SELECT 1;"));
    }

    [Test]
    public void Offset_of_a_line_and_column_is_the_inverse_of_the_position()
    {
        var text = SourceText.From("ab\r\ncdé\nf");

        foreach (var offset in new[] { 0, 1, 4, 6, 8 })
        {
            text.GetOffset(text.GetLinePosition(offset)).Should().Be(offset);
        }
    }
}
