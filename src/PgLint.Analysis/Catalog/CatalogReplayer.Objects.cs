using System.Collections.Immutable;
using PgQuery;

namespace PgLint.Analysis;

/// <summary>Functions, sequences, types, extensions, policies, grants and comments.</summary>
internal sealed partial class CatalogReplayer
{
    private static readonly HashSet<string> VolatileFunctions = new(StringComparer.Ordinal)
    {
        "nextval", "random", "gen_random_uuid", "uuid_generate_v4", "uuid_generate_v1", "clock_timestamp", "timeofday", "txid_current",
    };

    private static readonly HashSet<string> StableFunctions = new(StringComparer.Ordinal)
    {
        "now", "transaction_timestamp", "statement_timestamp", "current_setting", "to_char",
    };

    private void CreateFunction(CreateFunctionStmt create)
    {
        var arguments = create.Parameters.Select(static p => p.FunctionParameter).OfType<FunctionParameter>()
            .Where(static p => p.Mode is not (FunctionParameterMode.FuncParamOut or FunctionParameterMode.FuncParamTable))
            .Select(static p => p.ArgType is null ? "?" : TypeNames.Format(p.ArgType))
            .ToImmutableArray();
        var function = new Function(catalog.Qualify(create.Funcname.ToQualifiedName()), _origin, arguments, create.IsProcedure);
        var configuration = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in create.Options.Select(static o => o.DefElem).OfType<DefElem>())
        {
            switch (option.Defname)
            {
                case "language":
                    function.Language = option.Arg.AsString() ?? function.Language;
                    break;
                case "volatility":
                    function.Volatility = option.Arg.AsString() switch
                    {
                        "immutable" => Volatility.Immutable,
                        "stable" => Volatility.Stable,
                        _ => Volatility.Volatile,
                    };
                    break;
                case "security":
                    function.SecurityDefiner = option.Arg?.Boolean?.Boolval ?? false;
                    break;
                case "set" when option.Arg?.VariableSetStmt is { } set:
                    configuration[set.Name] = string.Join(", ", set.Args.Select(static a => a.ConstantText() ?? a.AsString()));
                    break;
            }
        }

        function.Configuration = configuration;
        catalog.AddFunction(function);
    }

    private void CreateSequence(CreateSeqStmt create)
    {
        var name = catalog.Qualify(create.Sequence.ToQualifiedName());
        if (!(create.IfNotExists && catalog.RelationExists(name)))
        {
            catalog.AddSequence(new Sequence(name, _origin));
        }
    }

    private void CreateEnum(CreateEnumStmt create)
    {
        if (AddType(create.TypeName.ToQualifiedName(), TypeKind.Enum) is { } type)
        {
            type.EnumLabels = [.. create.Vals.Select(static v => v.AsString() ?? "?")];
        }
    }

    private void AlterEnum(AlterEnumStmt alter)
    {
        if (catalog.FindType(alter.TypeName.ToQualifiedName()) is not { Kind: TypeKind.Enum } type || type.EnumLabels.Contains(alter.NewVal))
        {
            return;
        }

        if (alter.OldVal.Length > 0)
        {
            type.EnumLabels = type.EnumLabels.Replace(alter.OldVal, alter.NewVal);
            return;
        }

        var neighbour = type.EnumLabels.IndexOf(alter.NewValNeighbor);
        type.EnumLabels = neighbour < 0 ? type.EnumLabels.Add(alter.NewVal) : type.EnumLabels.Insert(alter.NewValIsAfter ? neighbour + 1 : neighbour, alter.NewVal);
    }

    private void CreateDomain(CreateDomainStmt create)
    {
        if (AddType(create.Domainname.ToQualifiedName(), TypeKind.Domain) is { } type)
        {
            type.BaseType = TypeNames.Format(create.TypeName);
            type.NotNull = create.Constraints.Any(static c => c.Constraint?.Contype == ConstrType.ConstrNotnull);
        }
    }

    private CatalogType? AddType(QualifiedName name, TypeKind kind)
    {
        var qualified = catalog.Qualify(name);
        if (catalog.FindType(qualified) is not null)
        {
            return null;
        }

        var type = new CatalogType(qualified, _origin, kind);
        catalog.AddType(type);
        return type;
    }

    private void CreateExtension(CreateExtensionStmt create)
    {
        if (create.IfNotExists && catalog.FindExtension(create.Extname) is not null)
        {
            return;
        }

        var schema = create.Options.Select(static o => o.DefElem).FirstOrDefault(static d => d?.Defname == "schema")?.Arg.AsString();
        catalog.AddExtension(new Extension(create.Extname, schema));
    }

    private void CreatePolicy(CreatePolicyStmt create)
    {
        if (catalog.FindTable(create.Table.ToQualifiedName()) is not { } table || catalog.PoliciesOn(table).Any(p => p.Name == create.PolicyName))
        {
            return;
        }

        catalog.AddPolicy(new Policy(create.PolicyName, table.Name, _origin)
        {
            Command = create.CmdName,
            IsPermissive = create.Permissive,
            Roles = RolesOf(create.Roles) is { IsEmpty: false } roles ? roles : ["public"],
            Using = TextOf(create.Qual),
            WithCheck = TextOf(create.WithCheck),
        });
    }

    private void AlterPolicy(AlterPolicyStmt alter)
    {
        if (catalog.FindTable(alter.Table.ToQualifiedName()) is not { } table || catalog.PoliciesOn(table).FirstOrDefault(p => p.Name == alter.PolicyName) is not { } policy)
        {
            return;
        }

        policy.Roles = RolesOf(alter.Roles) is { IsEmpty: false } roles ? roles : policy.Roles;
        policy.Using = TextOf(alter.Qual) ?? policy.Using;
        policy.WithCheck = TextOf(alter.WithCheck) ?? policy.WithCheck;
    }

    private void Grant(GrantStmt grant)
    {
        var objectType = grant.Objtype.ToString().Replace("Object", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        var objects = grant.Objects.Select(o => o.RangeVar is { } r ? r.ToQualifiedName().ToString() : o.ObjectWithArgs is { } f ? f.Objname.ToQualifiedName().ToString() : o.AsString() ?? "?").ToList();
        var privileges = grant.Privileges.Count == 0 ? ["all"] : grant.Privileges.Select(static p => p.AccessPriv?.PrivName ?? "?").ToList();
        var grantees = RolesOf(grant.Grantees);
        foreach (var (target, privilege, grantee) in objects.SelectMany(o => privileges.SelectMany(p => grantees.Select(g => (o, p, g)))))
        {
            var entry = new Grant(objectType, target, privilege, grantee);
            if (grant.IsGrant)
            {
                catalog.AddGrant(entry);
            }
            else
            {
                catalog.RemoveGrants(g => g.ObjectType == entry.ObjectType && g.Object == entry.Object && g.Grantee == entry.Grantee && (privilege == "all" || g.Privilege == privilege));
            }
        }
    }

    private void Comment(CommentStmt comment)
    {
        var names = comment.Object?.List?.Items;
        var text = comment.Comment.Length > 0 ? comment.Comment : null;
        if (comment.Objtype == ObjectType.ObjectColumn && names is { Count: >= 2 })
        {
            if (catalog.FindTable(names.Take(names.Count - 1).ToQualifiedName())?.FindColumn(names[^1].AsString() ?? string.Empty) is { } column)
            {
                column.Comment = text;
            }

            return;
        }

        CatalogObject? target = comment.Objtype switch
        {
            ObjectType.ObjectTable or ObjectType.ObjectView or ObjectType.ObjectMatview when names is not null => catalog.FindTable(names.ToQualifiedName()),
            ObjectType.ObjectIndex when names is not null => catalog.FindIndex(names.ToQualifiedName()),
            ObjectType.ObjectSequence when names is not null => catalog.FindSequence(names.ToQualifiedName()),
            ObjectType.ObjectType or ObjectType.ObjectDomain when comment.Object?.TypeName is { } type => catalog.FindType(type.Names.ToQualifiedName()),
            _ => null,
        };
        if (target is not null)
        {
            target.Comment = text;
        }
    }

    private static ImmutableArray<string> RolesOf(IEnumerable<Node> roles) =>
        [.. roles.Select(static r => r.RoleSpec).OfType<RoleSpec>().Select(static r => r.Roletype switch
        {
            RoleSpecType.RolespecPublic => "public",
            RoleSpecType.RolespecCurrentUser => "current_user",
            RoleSpecType.RolespecSessionUser => "session_user",
            RoleSpecType.RolespecCurrentRole => "current_role",
            _ => r.Rolename,
        })];

    /// <summary>The volatility of a default: constants are immutable; known functions say theirs; anything else is unknown.</summary>
    private Volatility VolatilityOf(Node? expression)
    {
        var result = Volatility.Immutable;
        foreach (var (node, _) in expression?.DescendantsAndSelf() ?? [])
        {
            var volatility = node switch
            {
                FuncCall call when call.Funcname.LastOrDefault().AsString() is { } name => VolatileFunctions.Contains(name) ? Volatility.Volatile
                    : StableFunctions.Contains(name) ? Volatility.Stable
                    : catalog.FindFunctions(call.Funcname.ToQualifiedName()).FirstOrDefault()?.Volatility ?? Volatility.Unknown,
                SQLValueFunction => Volatility.Stable,
                ColumnRef or SubLink => Volatility.Unknown,
                _ => Volatility.Immutable,
            };
            result = Combine(result, volatility);
        }

        return result;
    }

    private static Volatility Combine(Volatility a, Volatility b) =>
        a == Volatility.Unknown || b == Volatility.Unknown ? Volatility.Unknown : (Volatility)Math.Max((int)a, (int)b);
}
