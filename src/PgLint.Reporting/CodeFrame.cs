using System.Globalization;
using System.Text;
using PgLint.Analysis;

namespace PgLint.Reporting;

/// <summary>
/// The source lines of a span with a gutter of line numbers and an underline under the span:
/// <code>
///  12 | CREATE INDEX i ON orders (customer_id);
///     |                   ^^^^^^
/// </code>
/// Columns are terminal cells: tabs expand to the next multiple of <see cref="TabWidth"/>, wide
/// (East Asian, emoji) characters take two cells and combining marks none, so the underline stays
/// under the span's UTF-16 columns whatever precedes it on the line.
/// </summary>
internal static class CodeFrame
{
    /// <summary>Tab stops, in cells.</summary>
    public const int TabWidth = 4;

    /// <summary>The most lines of a multi-line span shown before an ellipsis.</summary>
    public const int MaxLines = 3;

    /// <summary>Writes the frame of <paramref name="location"/>; returns the width of its line numbers.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="location">A location in a file.</param>
    /// <param name="paintUnderline">Styles the underline (colour), or returns it unchanged.</param>
    public static int Write(TextWriter output, Location location, Func<string, string> paintUnderline)
    {
        var source = location.Source ?? throw new ArgumentException("The location is not in a file.", nameof(location));
        var (start, end) = (location.LineSpan.Start, location.LineSpan.End);

        // A span that ends right after a line break ends on the line before.
        var lastLine = end.Line > start.Line && end.Column == 1 ? end.Line - 1 : end.Line;
        var shownLast = Math.Min(lastLine, start.Line + MaxLines - 1);
        var width = shownLast.ToString(CultureInfo.InvariantCulture).Length;
        var emptyGutter = " " + new string(' ', width) + " |";

        for (var line = start.Line; line <= shownLast; line++)
        {
            var lineSpan = source.GetLineSpan(line);
            var (text, cells) = Expand(source.ToString(lineSpan));
            WriteLine(output, " " + line.ToString(CultureInfo.InvariantCulture).PadLeft(width) + " |", text);
            if (line == start.Line)
            {
                var from = Math.Clamp(location.Span.Start - lineSpan.Start, 0, lineSpan.Length);
                var to = line == lastLine ? Math.Clamp(location.Span.End - lineSpan.Start, from, lineSpan.Length) : lineSpan.Length;
                var carets = Math.Max(1, cells[to] - cells[from]);
                WriteLine(output, emptyGutter, new string(' ', cells[from]) + paintUnderline(new string('^', carets)));
            }
        }

        if (shownLast < lastLine)
        {
            WriteLine(output, emptyGutter, "…");
        }

        return width;
    }

    /// <summary>
    /// The line as a terminal shows it (tabs expanded, control characters replaced) and, for each
    /// UTF-16 offset of the original line and its end, the cell where it starts.
    /// </summary>
    internal static (string Text, int[] Cells) Expand(string line)
    {
        var text = new StringBuilder(line.Length);
        var cells = new int[line.Length + 1];
        var cell = 0;
        for (var i = 0; i < line.Length; i++)
        {
            cells[i] = cell;
            var c = line[i];
            if (c == '\t')
            {
                var spaces = TabWidth - (cell % TabWidth);
                text.Append(' ', spaces);
                cell += spaces;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                text.Append(c).Append(line[i + 1]);
                cells[i + 1] = cell;
                cell += Width(char.ConvertToUtf32(c, line[i + 1]));
                i++;
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                // Never let the source drive the terminal (escape sequences, carriage returns).
                text.Append('\uFFFD');
                cell++;
            }
            else
            {
                text.Append(c);
                cell += Width(c);
            }
        }

        cells[line.Length] = cell;
        return (text.ToString(), cells);
    }

    /// <summary>The number of terminal cells a code point takes.</summary>
    internal static int Width(int codePoint)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return 0;
        }

        return IsWide(codePoint) ? 2 : 1;
    }

    private static bool IsWide(int cp) =>
        cp is (>= 0x1100 and <= 0x115F) // Hangul Jamo initials
            or (>= 0x231A and <= 0x231B) or (>= 0x23E9 and <= 0x23EC) or 0x23F0 or 0x23F3 or (>= 0x25FD and <= 0x25FE)
            or (>= 0x2614 and <= 0x2615) or (>= 0x2648 and <= 0x2653) or 0x267F or 0x2693 or 0x26A1 or (>= 0x26AA and <= 0x26AB)
            or (>= 0x26BD and <= 0x26BE) or (>= 0x26C4 and <= 0x26C5) or 0x26CE or 0x26D4 or 0x26EA or (>= 0x26F2 and <= 0x26F3)
            or 0x26F5 or 0x26FA or 0x26FD or 0x2705 or (>= 0x270A and <= 0x270B) or 0x2728 or 0x274C or 0x274E
            or (>= 0x2753 and <= 0x2755) or 0x2757 or (>= 0x2795 and <= 0x2797) or 0x27B0 or 0x27BF
            or (>= 0x2B1B and <= 0x2B1C) or 0x2B50 or 0x2B55 // emoji presentation symbols
            or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) // CJK radicals, punctuation, kana
            or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) // CJK ideographs
            or (>= 0xA000 and <= 0xA4CF) or (>= 0xA960 and <= 0xA97F) or (>= 0xAC00 and <= 0xD7A3) // Yi, Hangul
            or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE10 and <= 0xFE19) or (>= 0xFE30 and <= 0xFE6F) // compatibility forms
            or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) // fullwidth forms
            or (>= 0x16FE0 and <= 0x18AFF) or (>= 0x1B000 and <= 0x1B2FF) // Tangut, kana supplements
            or 0x1F004 or 0x1F0CF or 0x1F18E or (>= 0x1F191 and <= 0x1F19A) or (>= 0x1F200 and <= 0x1F251)
            or (>= 0x1F300 and <= 0x1F64F) or (>= 0x1F680 and <= 0x1F6FF) // pictographs, emoticons, transport
            or (>= 0x1F7E0 and <= 0x1F7EB) or (>= 0x1F90C and <= 0x1F9FF) or (>= 0x1FA70 and <= 0x1FAFF)
            or (>= 0x20000 and <= 0x3FFFD); // CJK extensions

    private static void WriteLine(TextWriter output, string gutter, string text)
    {
        output.Write(gutter);
        text = text.TrimEnd();
        if (text.Length > 0)
        {
            output.Write(' ');
            output.Write(text);
        }

        output.WriteLine();
    }
}
