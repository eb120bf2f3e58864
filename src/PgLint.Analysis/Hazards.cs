namespace PgLint.Analysis;

/// <summary>What a statement does to the rows of the table it locks, as a migration-safety rule claims it.</summary>
public enum TableEffect
{
    /// <summary>Only the system catalogs change: the statement is instant once it has its lock.</summary>
    MetadataOnly,

    /// <summary>Every row is read (to validate a constraint or build an index) while the lock is held; the table itself is not rewritten.</summary>
    Scan,

    /// <summary>The table is written anew (a new relation file, <c>pg_class.relfilenode</c> changes), its indexes rebuilt.</summary>
    Rewrite,

    /// <summary>The table's data is removed or the table dropped.</summary>
    DataLoss,
}

/// <summary>
/// The lock a migration-safety rule's statement takes on the existing table it reports, and what it
/// does to that table. Rules state it in their descriptor; a server test runs each rule's documented
/// failing example against PostgreSQL and checks the claim (<c>pg_locks</c>, <c>relfilenode</c>).
/// </summary>
/// <param name="Lock">The strongest table-level lock taken on the reported table.</param>
/// <param name="Effect">What happens to the table's rows while that lock is held.</param>
public sealed record MigrationHazard(LockMode Lock, TableEffect Effect)
{
    /// <summary>The hazard in words, e.g. <c>ACCESS EXCLUSIVE, rewrite</c>.</summary>
    public override string ToString() => $"{Lock.ToSql()}, {Effect switch
    {
        TableEffect.MetadataOnly => "metadata only",
        TableEffect.Scan => "full scan",
        TableEffect.Rewrite => "rewrite",
        TableEffect.DataLoss => "data loss",
        _ => Effect.ToString(),
    }}";
}

/// <summary>
/// The built-in profiles. A profile answers the policy questions the field disagrees on
/// (<c>IF NOT EXISTS</c>, <c>SET search_path</c>, <c>varchar(n)</c>…) by changing rules' default
/// levels; a descriptor lists its level per profile, and configuration still wins over both.
/// </summary>
public static class Profiles
{
    /// <summary>Application schema migrations run by a migration tool (the default).</summary>
    public const string AppMigration = "app-migration";

    /// <summary>Extension install/upgrade scripts that run in databases the script does not own.</summary>
    public const string ExtensionScript = "extension-script";

    /// <summary>Application queries (no DDL expected): performance and correctness rules matter most.</summary>
    public const string Queries = "queries";

    /// <summary>Every built-in profile name.</summary>
    public static IReadOnlyList<string> All { get; } = [AppMigration, ExtensionScript, Queries];
}
