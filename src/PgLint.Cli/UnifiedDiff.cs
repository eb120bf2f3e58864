using System.Text;
using DiffPlex;

namespace PgLint.Cli;

/// <summary>A unified diff (as <c>diff -u</c> and <c>git apply</c> read it) of a file before and after fixes.</summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static string Create(string path, string before, string after)
    {
        var diff = Differ.Instance.CreateLineDiffs(before, after, ignoreWhitespace: false, ignoreCase: false);
        var a = diff.PiecesOld;
        var b = diff.PiecesNew;

        // A text ending with a line break yields an empty last piece, which is not a line.
        var linesA = a.Count > 0 && a[^1].Length == 0 && before.EndsWith('\n') ? a.Count - 1 : a.Count;
        var linesB = b.Count > 0 && b[^1].Length == 0 && after.EndsWith('\n') ? b.Count - 1 : b.Count;
        var output = new StringBuilder().Append("--- a/").Append(path).Append('\n').Append("+++ b/").Append(path).Append('\n');
        var blocks = diff.DiffBlocks;
        var i = 0;
        while (i < blocks.Count)
        {
            // Group blocks whose context windows touch into one hunk.
            var j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStartA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA) <= 2 * Context)
            {
                j++;
            }

            var startA = Math.Max(0, blocks[i].DeleteStartA - Context);
            var startB = Math.Max(0, blocks[i].InsertStartB - Context);
            var endA = Math.Min(linesA, blocks[j].DeleteStartA + blocks[j].DeleteCountA + Context);
            var endB = Math.Min(linesB, blocks[j].InsertStartB + blocks[j].InsertCountB + Context);
            output.Append($"@@ -{startA + 1},{endA - startA} +{startB + 1},{endB - startB} @@\n");
            var lineA = startA;
            for (var k = i; k <= j; k++)
            {
                var block = blocks[k];
                for (; lineA < block.DeleteStartA; lineA++)
                {
                    output.Append(' ').Append(a[lineA]).Append('\n');
                }

                for (var d = 0; d < block.DeleteCountA; d++)
                {
                    output.Append('-').Append(a[block.DeleteStartA + d]).Append('\n');
                }

                for (var n = 0; n < block.InsertCountB; n++)
                {
                    output.Append('+').Append(b[block.InsertStartB + n]).Append('\n');
                }

                lineA = block.DeleteStartA + block.DeleteCountA;
            }

            for (; lineA < endA; lineA++)
            {
                output.Append(' ').Append(a[lineA]).Append('\n');
            }

            i = j + 1;
        }

        return output.ToString();
    }
}
