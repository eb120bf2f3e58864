using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Reporting.Tests;

public sealed class CodeFrameTests
{
    [TestCase("a", 1)]
    [TestCase("ö", 1)]
    [TestCase("表", 2)]
    [TestCase("🚀", 2)]
    [TestCase("e\u0301", 1)]
    public void Text_takes_as_many_terminal_cells_as_a_terminal_gives_it(string text, int cells)
    {
        CodeFrame.Expand(text).Cells[^1].Should().Be(cells);
    }

    [Test]
    public void Tabs_expand_to_the_next_stop_of_four()
    {
        var (text, cells) = CodeFrame.Expand("a\tb\t\tc");

        text.Should().Be("a   b       c");
        cells.Should().Equal(0, 1, 4, 5, 8, 12, 13);
    }

    [Test]
    public void Control_characters_are_not_passed_to_the_terminal()
    {
        CodeFrame.Expand("a\e[31mb").Text.Should().Be("a\uFFFD[31mb");
    }
}
