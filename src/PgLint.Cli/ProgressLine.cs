using System.Diagnostics;
using PgLint.Analysis;

namespace PgLint.Cli;

/// <summary>
/// A progress line on standard error for runs longer than a second on a terminal; it is erased when
/// the run ends. Never shown when standard error is redirected or in CI.
/// </summary>
internal sealed class ProgressLine : IProgress<LintProgress>, IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter _error;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private TimeSpan _lastDrawn;
    private bool _drawn;

    private ProgressLine(TextWriter error) => _error = error;

    public static ProgressLine? Start(Terminal terminal, bool enabled) => enabled ? new ProgressLine(terminal.Error) : null;

    public void Report(LintProgress value)
    {
        var elapsed = _clock.Elapsed;
        if (elapsed < Delay || elapsed - _lastDrawn < Interval)
        {
            return;
        }

        lock (_gate)
        {
            _lastDrawn = elapsed;
            _drawn = true;
            _error.Write($"\rpglint: parsed {value.Parsed}/{value.Files} files, analysed {value.Analysed}/{value.Files} ({elapsed.TotalSeconds:F0} s)\u001b[K");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                _error.Write("\r\u001b[K");
            }
        }
    }
}
