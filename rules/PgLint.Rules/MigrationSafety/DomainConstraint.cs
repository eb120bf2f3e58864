using System.Collections.Immutable;
using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1035: a constraint on a domain is checked against every column of that type in every table.
/// <c>ALTER DOMAIN … ADD CONSTRAINT</c> (and <c>VALIDATE CONSTRAINT</c>, <c>SET NOT NULL</c>) takes a
/// <c>SHARE</c> lock on each such table and scans it, blocking all writes to all of them for the whole
/// scan; unlike a table's <c>VALIDATE CONSTRAINT</c>, the domain's validation has no weaker-lock form.
/// A <c>CREATE DOMAIN … CHECK</c> sets up that situation: the constraint can only be changed later
/// that way. A <c>CHECK</c> constraint on the columns themselves can be added <c>NOT VALID</c> and
/// validated without blocking.
/// </summary>
/// <remarks>
/// Not reported: <c>ALTER DOMAIN … ADD CONSTRAINT … NOT VALID</c> (no scan; its later <c>VALIDATE</c> is),
/// and a domain created earlier in the same file, which no existing column uses.
/// </remarks>
public sealed class DomainConstraint : Analyzer
{
    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1035",
        "domain-constraint",
        "Put check constraints on columns, not on domains",
        "{0} on domain {1} {2}.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "Constraints on domains are validated against every column of the domain under a SHARE lock on each table, with no NOT VALID / VALIDATE path that avoids blocking writes; prefer CHECK constraints on the columns.",
        hazard: new MigrationHazard(LockMode.Share, TableEffect.Scan));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterNodeAction<CreateDomainStmt>(CreateDomain);
        context.RegisterNodeAction<AlterDomainStmt>(AlterDomain);
    }

    private static void CreateDomain(NodeContext<CreateDomainStmt> context)
    {
        if (context.Node.Constraints.Any(static c => c.Constraint is { Contype: ConstrType.ConstrCheck }))
        {
            context.ReportOnStatement(
                Rule,
                "A CHECK constraint",
                context.Node.Domainname.ToQualifiedName(),
                "can only be changed later with ALTER DOMAIN, which takes a SHARE lock on every table with a column of the domain and scans it");
        }
    }

    private static void AlterDomain(NodeContext<AlterDomainStmt> context)
    {
        var command = context.Node.Subtype switch
        {
            "C" when context.Node.Def?.Constraint is { SkipValidation: false } => "ADD CONSTRAINT",
            "V" => "VALIDATE CONSTRAINT",
            "O" => "SET NOT NULL",
            _ => null,
        };
        var domain = context.Node.TypeName.ToQualifiedName();
        if (command is null || context.Migration.IsNew(context.Catalog.FindType(domain)))
        {
            return;
        }

        var tables = Locks.Acquired(context.Root, context.Catalog).Select(static l => l.Relation.ToString()).ToList();
        var which = tables.Count == 0 ? "every table with a column of the domain" : string.Join(", ", tables);
        context.ReportOnStatement(Rule, command, domain, $"checks every value of the domain under a SHARE lock on {which}: writes to them wait for the whole scan");
    }
}
