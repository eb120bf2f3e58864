using System.Globalization;

namespace PgLint.Rules;

/// <summary>Sizes and counts as PostgreSQL users read them.</summary>
internal static class Sizes
{
    /// <summary>Bytes as <c>pg_size_pretty</c> prints them (<c>8192 bytes</c>, <c>16 kB</c>, <c>5 MB</c>).</summary>
    public static string Format(long bytes)
    {
        string[] units = ["bytes", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 10 * 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Math.Round(value, MidpointRounding.AwayFromZero):0} {units[unit]}");
    }
}
