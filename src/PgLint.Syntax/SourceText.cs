using System.Text;

namespace PgLint.Syntax;

/// <summary>
/// The text of one SQL source (a file or standard input) and the mapping between the UTF-8 byte
/// offsets that libpg_query reports and the 1-based line / UTF-16 column positions that editors and
/// SARIF use. A UTF-8 byte order mark is recognised and is not part of <see cref="Text"/>.
/// </summary>
public sealed class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly int[] _lineStarts;
    private readonly int[]? _charOfByte;
    private readonly int[]? _byteOfChar;

    private SourceText(string path, string text, bool hasByteOrderMark)
    {
        Path = path;
        Text = text;
        HasByteOrderMark = hasByteOrderMark;
        Utf8 = StrictUtf8.GetBytes(text);
        _lineStarts = ComputeLineStarts(text);
        if (Utf8.Length != text.Length)
        {
            (_charOfByte, _byteOfChar) = ComputeOffsetMaps(text, Utf8.Length);
        }
    }

    /// <summary>The path the source is reported under (as given, not normalised).</summary>
    public string Path { get; }

    /// <summary>The text, without a byte order mark.</summary>
    public string Text { get; }

    /// <summary>True when the file started with a UTF-8 byte order mark.</summary>
    public bool HasByteOrderMark { get; }

    /// <summary>The UTF-8 encoding of <see cref="Text"/>: the bytes the parser sees.</summary>
    public byte[] Utf8 { get; }

    /// <summary>The number of lines (a final line without a line break counts; an empty text has one line).</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>The length of <see cref="Text"/> in UTF-16 code units.</summary>
    public int Length => Text.Length;

    /// <summary>Creates a source from text already in memory.</summary>
    public static SourceText From(string text, string path = "stdin.sql")
    {
        ArgumentNullException.ThrowIfNull(text);
        var hasBom = text.Length > 0 && text[0] == '\uFEFF';
        return new SourceText(path, hasBom ? text[1..] : text, hasBom);
    }

    /// <summary>Creates a source from raw file bytes, recognising a UTF-8 byte order mark.</summary>
    public static SourceText FromBytes(ReadOnlySpan<byte> bytes, string path)
    {
        var hasBom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var text = StrictUtf8.GetString(hasBom ? bytes[3..] : bytes);
        return new SourceText(path, text, hasBom);
    }

    /// <summary>Why the file could not be read (the text is then empty), or null.</summary>
    public string? ReadError { get; private init; }

    /// <summary>A file that could not be read: empty text and the reason.</summary>
    public static SourceText Unreadable(string path, string reason) => new(path, string.Empty, false) { ReadError = reason };

    /// <summary>Reads a file from disk.</summary>
    public static SourceText FromFile(string filePath, string? reportedPath = null) =>
        FromBytes(File.ReadAllBytes(filePath), reportedPath ?? filePath);

    /// <summary>The UTF-16 offset of a UTF-8 byte offset into <see cref="Utf8"/> (clamped to the text).</summary>
    public int GetCharOffset(int byteOffset)
    {
        byteOffset = Math.Clamp(byteOffset, 0, Utf8.Length);
        return _charOfByte is null ? byteOffset : _charOfByte[byteOffset];
    }

    /// <summary>The UTF-8 byte offset (into <see cref="Utf8"/>, no byte order mark) of a UTF-16 offset.</summary>
    public int GetByteOffset(int charOffset)
    {
        charOffset = Math.Clamp(charOffset, 0, Text.Length);
        return _byteOfChar is null ? charOffset : _byteOfChar[charOffset];
    }

    /// <summary>The character span covering the UTF-8 bytes <c>[start, end)</c>.</summary>
    public TextSpan GetSpanFromBytes(int byteStart, int byteEnd)
    {
        var start = GetCharOffset(byteStart);
        return TextSpan.FromBounds(start, Math.Max(start, GetCharOffset(byteEnd)));
    }

    /// <summary>The 1-based line and UTF-16 column of a character offset.</summary>
    public LinePosition GetLinePosition(int charOffset)
    {
        charOffset = Math.Clamp(charOffset, 0, Text.Length);
        var line = Array.BinarySearch(_lineStarts, charOffset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line + 1, charOffset - _lineStarts[line] + 1);
    }

    /// <summary>The line positions of both ends of a span.</summary>
    public LinePositionSpan GetLinePositionSpan(TextSpan span) =>
        new(GetLinePosition(span.Start), GetLinePosition(span.End));

    /// <summary>The character offset of a 1-based line and column (clamped to the line).</summary>
    public int GetOffset(LinePosition position)
    {
        var line = Math.Clamp(position.Line, 1, _lineStarts.Length) - 1;
        var lineSpan = GetLineSpan(line + 1);
        return Math.Min(_lineStarts[line] + Math.Max(0, position.Column - 1), lineSpan.End);
    }

    /// <summary>The span of a 1-based line, without its line break.</summary>
    public TextSpan GetLineSpan(int line)
    {
        var index = Math.Clamp(line, 1, _lineStarts.Length) - 1;
        var start = _lineStarts[index];
        var end = index + 1 < _lineStarts.Length ? _lineStarts[index + 1] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return TextSpan.FromBounds(start, end);
    }

    /// <summary>The text of a 1-based line, without its line break.</summary>
    public string GetLineText(int line)
    {
        var span = GetLineSpan(line);
        return Text.Substring(span.Start, span.Length);
    }

    /// <summary>The text of a span.</summary>
    public string ToString(TextSpan span) => Text.Substring(span.Start, span.Length);

    /// <inheritdoc />
    public override string ToString() => Text;

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static (int[] CharOfByte, int[] ByteOfChar) ComputeOffsetMaps(string text, int byteCount)
    {
        var charOfByte = new int[byteCount + 1];
        var byteOfChar = new int[text.Length + 1];
        var b = 0;
        for (var c = 0; c < text.Length; c++)
        {
            byteOfChar[c] = b;
            int width;
            if (char.IsHighSurrogate(text[c]) && c + 1 < text.Length && char.IsLowSurrogate(text[c + 1]))
            {
                // A supplementary code point: 4 UTF-8 bytes, 2 UTF-16 code units.
                for (var k = 0; k < 4; k++)
                {
                    charOfByte[b + k] = c;
                }

                b += 4;
                c++;
                byteOfChar[c] = b - 2;
                continue;
            }

            width = text[c] switch
            {
                < '\u0080' => 1,
                < '\u0800' => 2,
                _ => 3,
            };
            for (var k = 0; k < width; k++)
            {
                charOfByte[b + k] = c;
            }

            b += width;
        }

        byteOfChar[text.Length] = b;
        charOfByte[byteCount] = text.Length;
        return (charOfByte, byteOfChar);
    }
}
