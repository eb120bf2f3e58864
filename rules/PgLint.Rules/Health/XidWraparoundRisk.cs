using System.Collections.Immutable;
using PgLint.Analysis;

namespace PgLint.Rules.Health;

/// <summary>
/// PG9903: transaction IDs are 32 bits; rows older than about two billion transactions would appear to
/// be in the future unless VACUUM has frozen them. PostgreSQL forces anti-wraparound autovacuums as
/// <c>age(datfrozenxid)</c> grows and, three million transactions before the limit, refuses new
/// transactions until the database is vacuumed. At 1.5 billion (75% of the limit) it is time to find
/// what holds freezing back: long transactions, abandoned replication slots or prepared transactions,
/// or autovacuum that cannot keep up.
/// </summary>
/// <remarks>Needs statistics (<c>age(pg_database.datfrozenxid)</c> of the database linted).</remarks>
public sealed class XidWraparoundRisk : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG9903",
        "xid-wraparound-risk",
        "Freeze old transaction IDs before wraparound",
        "Database {0} has age(datfrozenxid) {1:N0}, above {2:N0}; at about 2.1 billion PostgreSQL stops accepting transactions until it is vacuumed.",
        RuleCategory.Health,
        Severity.Error,
        description: "A database whose oldest unfrozen transaction ID is close to the 2^31 wraparound limit will stop accepting writes.",
        options: [new RuleOption("maximumAge", RuleOptionKind.Integer, 1_500_000_000, "The age(datfrozenxid) above which the database is reported.")]);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterMigrationSetEndAction(Analyze);

    private static void Analyze(MigrationSetContext context)
    {
        var maximum = context.Options.GetInt32(Rule, "maximumAge");
        if (context.IsLiveDatabase && context.Statistics is { FrozenXidAge: { } age } statistics && age > maximum)
        {
            var database = statistics.Database ?? context.Name;
            context.ReportAt(Rule, LogicalLocation.OfDatabase(database), database, age, maximum);
        }
    }
}
