using System.Globalization;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// What a file has set a timeout setting (<c>lock_timeout</c>, <c>statement_timeout</c>) to so far:
/// the session value and a <c>SET LOCAL</c> value that lasts until its transaction block ends.
/// </summary>
internal sealed class TimeoutSetting
{
    private bool _session;
    private (int Transaction, bool On)? _local;

    public bool Reported { get; set; }

    public bool SeenAny { get; private set; }

    /// <summary>A SET LOCAL value lasts until its transaction block ends; then the session value applies again.</summary>
    public bool IsInForce(TransactionState transaction) =>
        _local is { } local && transaction.InTransactionBlock && local.Transaction == transaction.Id ? local.On : _session;

    /// <summary>Applies a SET or RESET of the setting; false when it turns the timeout off with an explicit zero.</summary>
    public bool? Apply(VariableSetStmt set, TransactionState transaction)
    {
        SeenAny = true;
        var on = set.Kind == VariableSetKind.VarSetValue && !IsZero(set.Args.FirstOrDefault().ConstantText());
        if (set.IsLocal && !transaction.InTransactionBlock)
        {
            // Outside a transaction block PostgreSQL ignores SET LOCAL with a warning.
            return null;
        }

        if (set.IsLocal)
        {
            _local = (transaction.Id, on);
        }
        else
        {
            _session = on;
            _local = null;
        }

        return set.Kind == VariableSetKind.VarSetValue ? on : null;
    }

    /// <summary>True for 0 in any unit: <c>0</c>, <c>'0'</c>, <c>'0ms'</c>, <c>'0s'</c>, <c>'0min'</c>.</summary>
    private static bool IsZero(string? value)
    {
        var text = (value ?? string.Empty).Trim();
        var digits = text.TakeWhile(static c => char.IsAsciiDigit(c) || c == '.').Count();
        var unit = text[digits..].Trim();
        return digits > 0
            && double.TryParse(text[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == 0
            && unit is "" or "us" or "ms" or "s" or "min" or "h" or "d";
    }
}
