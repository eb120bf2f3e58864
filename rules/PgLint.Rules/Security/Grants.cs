using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>What the privilege rules share: how a <c>GRANT</c> names its objects and grantees.</summary>
internal static class Grants
{
    /// <summary>The objects of a grant as a reader would write them: <c>table public.orders</c>, <c>all tables in schema app</c>.</summary>
    public static string Describe(GrantStmt grant)
    {
        var kind = Kind(grant.Objtype);
        if (grant.Targtype == GrantTargetType.AclTargetAllInSchema)
        {
            return $"all {kind}s in schema {string.Join(", ", grant.Objects.Select(static o => QualifiedName.Quote(o.AsString() ?? "?")))}";
        }

        if (grant.Targtype == GrantTargetType.AclTargetDefaults)
        {
            return $"{kind}s created later (default privileges)";
        }

        var names = grant.Objects.Select(Name).ToList();
        return names.Count == 0 ? kind : $"{kind} {string.Join(", ", names)}";
    }

    /// <summary>The first grantee that is PUBLIC, or null.</summary>
    public static RoleSpec? PublicGrantee(GrantStmt grant) =>
        grant.Grantees.Select(static g => g.RoleSpec).FirstOrDefault(static r => r is { Roletype: RoleSpecType.RolespecPublic });

    /// <summary>The grantees as written: <c>PUBLIC</c>, <c>app_user</c>.</summary>
    public static string Grantees(GrantStmt grant) =>
        string.Join(", ", grant.Grantees.Select(static g => g.RoleSpec).OfType<RoleSpec>().Select(RoleName));

    /// <summary>A role as written.</summary>
    public static string RoleName(RoleSpec role) => role.Roletype switch
    {
        RoleSpecType.RolespecPublic => "PUBLIC",
        RoleSpecType.RolespecCurrentUser => "CURRENT_USER",
        RoleSpecType.RolespecSessionUser => "SESSION_USER",
        RoleSpecType.RolespecCurrentRole => "CURRENT_ROLE",
        _ => QualifiedName.Quote(role.Rolename),
    };

    private static string Kind(ObjectType type) => type switch
    {
        ObjectType.ObjectTable => "table",
        ObjectType.ObjectSequence => "sequence",
        ObjectType.ObjectSchema => "schema",
        ObjectType.ObjectDatabase => "database",
        ObjectType.ObjectFunction => "function",
        ObjectType.ObjectProcedure => "procedure",
        ObjectType.ObjectRoutine => "routine",
        ObjectType.ObjectType => "type",
        ObjectType.ObjectDomain => "domain",
        ObjectType.ObjectLanguage => "language",
        ObjectType.ObjectLargeobject => "large object",
        ObjectType.ObjectTablespace => "tablespace",
        ObjectType.ObjectForeignServer => "foreign server",
        ObjectType.ObjectFdw => "foreign-data wrapper",
        ObjectType.ObjectParameterAcl => "parameter",
        _ => "object",
    };

    private static string Name(Node node) => node.NodeCase switch
    {
        Node.NodeOneofCase.RangeVar => node.RangeVar.ToQualifiedName().ToString(),
        Node.NodeOneofCase.ObjectWithArgs => node.ObjectWithArgs.Objname.ToQualifiedName().ToString(),
        Node.NodeOneofCase.List => node.List.Items.ToQualifiedName().ToString(),
        Node.NodeOneofCase.TypeName => node.TypeName.Names.ToQualifiedName().ToString(),
        Node.NodeOneofCase.String => QualifiedName.Quote(node.String.Sval),
        Node.NodeOneofCase.Integer => node.Integer.Ival.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Node.NodeOneofCase.Float => node.Float.Fval,
        _ => node.ConstantText() ?? "?",
    };
}
