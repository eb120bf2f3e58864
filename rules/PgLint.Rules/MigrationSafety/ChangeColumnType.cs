using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1014: <c>ALTER COLUMN … TYPE</c> rewrites the table and rebuilds its indexes under
/// <c>ACCESS EXCLUSIVE</c>, unless the old type is binary-coercible to the new one.
/// </summary>
/// <remarks>
/// Not reported: tables created earlier in the same file; changes PostgreSQL makes without a rewrite when
/// the catalog knows the old type: <c>varchar(n)</c> to a larger <c>varchar</c>, unbounded <c>varchar</c> or
/// <c>text</c>; <c>text</c> to unbounded <c>varchar</c>; <c>numeric(p,s)</c> to a larger precision with the same
/// scale or to unbounded <c>numeric</c>; a larger or removed precision of <c>timestamp</c>, <c>timestamptz</c>,
/// <c>time</c>, <c>timetz</c>; <c>interval</c> to unbounded <c>interval</c>; <c>varbit(n)</c> to a larger or
/// unbounded <c>varbit</c>; <c>cidr</c> to <c>inet</c>; the same type; and, on PostgreSQL 12 and later with the
/// <c>timeZoneIsUtc</c> option, <c>timestamp</c> ↔ <c>timestamptz</c>. A <c>USING</c> clause rewrites unless it is
/// the column itself (optionally cast to the new type).
/// </remarks>
public sealed class ChangeColumnType : Analyzer
{
    /// <summary>The option saying the migration session's TimeZone is UTC.</summary>
    public const string TimeZoneIsUtcOption = "timeZoneIsUtc";

    private static readonly ConcurrentDictionary<string, TypeName?> ParsedTypes = new(StringComparer.Ordinal);

    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1014",
        "change-column-type",
        "Do not change column types in a way that rewrites existing tables",
        "Changing column {0} of {1} to {2} rewrites {1} and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks all reads and writes{3}.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        description: "ALTER COLUMN ... TYPE rewrites the table and its indexes under ACCESS EXCLUSIVE unless the old type is binary-coercible to the new one (varchar to a larger varchar or text, numeric to a larger precision, cidr to inet, ...).",
        options:
        [
            new RuleOption(
                TimeZoneIsUtcOption,
                RuleOptionKind.Boolean,
                false,
                "The migration session's TimeZone is UTC: on PostgreSQL 12 and later timestamp and timestamptz then convert without a rewrite."),
        ],
        hazard: new MigrationHazard(LockMode.AccessExclusive, TableEffect.Rewrite));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) =>
        context.RegisterNodeAction<AlterTableCmd>(Analyze);

    private static void Analyze(NodeContext<AlterTableCmd> context)
    {
        if (context.Node.Subtype != AlterTableType.AtAlterColumnType
            || context.Node.Def?.ColumnDef is not { TypeName: { } newType } definition
            || AlterTableCommands.ExistingTable(context) is not { } relation)
        {
            return;
        }

        var column = context.Node.Name;
        var oldTypeText = context.Catalog.FindTable(relation.ToQualifiedName())?.FindColumn(column)?.TypeName;
        var oldType = oldTypeText is null ? null : Parse(oldTypeText);
        var plainUsing = definition.RawDefault is null || IsColumnItself(definition.RawDefault, column, newType);
        string detail;
        if (!plainUsing)
        {
            detail = ": the USING expression computes every row anew";
        }
        else if (oldType is null)
        {
            detail = $" (the old type of {QualifiedName.Quote(column)} is not known, so the change cannot be shown to be binary-coercible)";
        }
        else if (IsWithoutRewrite(oldType, newType, context))
        {
            return;
        }
        else
        {
            detail = $" ({oldTypeText} is not binary-coercible to it)";
        }

        context.ReportOnStatement(Rule, QualifiedName.Quote(column), relation.ToQualifiedName().ToString(), TypeNames.Format(newType), detail);
    }

    /// <summary>A <c>USING</c> that is the column itself, or the column cast to the new type, converts as no <c>USING</c> does.</summary>
    private static bool IsColumnItself(Node expression, string column, TypeName newType)
    {
        if (expression.TypeCast is { Arg: { } argument, TypeName: { } castType })
        {
            return TypeNames.Format(castType) == TypeNames.Format(newType) && IsColumnItself(argument, column, newType);
        }

        return expression.ColumnRef is { } reference && reference.Fields.LastOrDefault().AsString() == column;
    }

    private static bool IsWithoutRewrite(TypeName oldType, TypeName newType, StatementContext context)
    {
        if (oldType.ArrayBounds.Count > 0 || newType.ArrayBounds.Count > 0)
        {
            return TypeNames.Format(oldType) == TypeNames.Format(newType);
        }

        var from = BaseName(oldType);
        var to = BaseName(newType);
        var oldModifiers = Modifiers(oldType);
        var newModifiers = Modifiers(newType);
        if (oldModifiers is null || newModifiers is null)
        {
            return false;
        }

        if (from == to && oldModifiers.SequenceEqual(newModifiers))
        {
            return true;
        }

        return (from, to) switch
        {
            ("varchar", "varchar") or ("varbit", "varbit") => Widens(oldModifiers, newModifiers),
            ("varchar", "text") => true,
            ("text", "varchar") => newModifiers.Count == 0,
            ("numeric", "numeric") => newModifiers.Count == 0
                || (oldModifiers.Count > 0 && newModifiers[0] >= oldModifiers[0] && Scale(oldModifiers) == Scale(newModifiers)),
            ("timestamp", "timestamp") or ("timestamptz", "timestamptz") or ("time", "time") or ("timetz", "timetz") => Widens(oldModifiers, newModifiers),
            ("interval", "interval") => newModifiers.Count == 0,
            ("cidr", "inet") => newModifiers.Count == 0,
            ("timestamp", "timestamptz") or ("timestamptz", "timestamp") =>
                context.Migration.TargetVersion.IsAtLeast(12)
                && context.Options.GetBoolean(Rule, TimeZoneIsUtcOption)
                && Widens(oldModifiers, newModifiers),
            _ => false,
        };
    }

    /// <summary>No length/precision limit on the new type, or one at least as large as the old one.</summary>
    private static bool Widens(IReadOnlyList<int> oldModifiers, IReadOnlyList<int> newModifiers) =>
        newModifiers.Count == 0 || (oldModifiers.Count == 1 && newModifiers.Count == 1 && newModifiers[0] >= oldModifiers[0]);

    private static int Scale(IReadOnlyList<int> modifiers) => modifiers.Count > 1 ? modifiers[1] : 0;

    /// <summary>The type's internal name: <c>varchar</c>, <c>numeric</c>, <c>timestamptz</c>, …</summary>
    private static string BaseName(TypeName type)
    {
        var name = type.Names.LastOrDefault().AsString() ?? string.Empty;
        return name switch
        {
            "decimal" => "numeric",
            "int" or "integer" => "int4",
            "bit varying" => "varbit",
            _ => name,
        };
    }

    /// <summary>The integer type modifiers, or null when one is not an integer constant.</summary>
    private static List<int>? Modifiers(TypeName type)
    {
        var modifiers = new List<int>();
        foreach (var modifier in type.Typmods)
        {
            if (!int.TryParse(modifier.ConstantText(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            modifiers.Add(value);
        }

        return modifiers;
    }

    /// <summary>A type as the catalog prints it (<c>character varying(20)</c>), parsed back into its syntax.</summary>
    private static TypeName? Parse(string typeText) =>
        ParsedTypes.GetOrAdd(typeText, static text =>
        {
            var statement = SqlParser.Parse(SourceText.From($"SELECT NULL::{text}")).Statements.FirstOrDefault();
            return statement?.Root?.SelectStmt?.TargetList.FirstOrDefault()?.ResTarget?.Val?.TypeCast?.TypeName;
        });
}
