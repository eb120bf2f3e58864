using PgLint.Analysis;
using PgQuery;

namespace PgLint.Rules.Security;

/// <summary>What the role rules share: the role a <c>CREATE/ALTER ROLE</c> names and its options.</summary>
internal static class Roles
{
    /// <summary>The role and options of a <c>CREATE ROLE|USER|GROUP</c> or <c>ALTER ROLE|USER</c>, or null for other statements.</summary>
    public static (string Role, IEnumerable<DefElem> Options)? Of(Node root) => root.NodeCase switch
    {
        Node.NodeOneofCase.CreateRoleStmt => (QualifiedName.Quote(root.CreateRoleStmt.Role), Options(root.CreateRoleStmt.Options)),
        Node.NodeOneofCase.AlterRoleStmt when root.AlterRoleStmt.Role is { } role => (Grants.RoleName(role), Options(root.AlterRoleStmt.Options)),
        _ => null,
    };

    private static IEnumerable<DefElem> Options(IEnumerable<Node> options) => options.Select(static o => o.DefElem).OfType<DefElem>();
}
