using PgLint.Analysis;

namespace PgLint.Reporting;

/// <summary>ANSI styles of the text report; every method returns its text unchanged when colour is off.</summary>
internal readonly struct Ansi(bool enabled)
{
    private const string Reset = "\e[0m";

    /// <summary>Bold text.</summary>
    public string Bold(string text) => Paint("1", text);

    /// <summary>Text in the colour of a severity: red, yellow or cyan.</summary>
    public string Severity(Severity severity, string text) => Paint(Colour(severity), text);

    /// <summary>Bold text in the colour of a severity.</summary>
    public string BoldSeverity(Severity severity, string text) => Paint("1;" + Colour(severity), text);

    private static string Colour(Severity severity) => severity switch
    {
        Analysis.Severity.Error => "31",
        Analysis.Severity.Warning => "33",
        _ => "36",
    };

    private string Paint(string parameters, string text) => enabled && text.Length > 0 ? $"\e[{parameters}m{text}{Reset}" : text;
}
