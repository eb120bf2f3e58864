using System.Collections.Immutable;
using Google.Protobuf;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Analysis;

/// <summary>
/// Applies DDL statements to a <see cref="Catalog"/>, as PostgreSQL would. Statements that would
/// fail on the server (an unknown table, a duplicate name) change nothing; anything the replay does
/// not model leaves the catalog as it was rather than guessing.
/// </summary>
internal sealed partial class CatalogReplayer(Catalog catalog)
{
    private SqlStatement? _statement;
    private ObjectOrigin _origin = new(0, -1, 0, 0, FromSchema: false);

    public void Apply(SqlStatement statement, ObjectOrigin origin)
    {
        if (statement.Root is null)
        {
            return;
        }

        _statement = statement;
        _origin = origin with { Location = Location.Create(statement.Source, statement.Span) };
        try
        {
            Apply(statement.Root);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            // A statement shaped in a way replay did not foresee must not lose the run: the catalog
            // keeps what was applied so far, and what it does not know stays unknown.
        }
    }

    private void Apply(Node root)
    {
        switch (root.NodeCase)
        {
            case Node.NodeOneofCase.CreateStmt:
                CreateTable(root.CreateStmt);
                break;
            case Node.NodeOneofCase.CreateTableAsStmt when root.CreateTableAsStmt.Into?.Rel is { } rel:
                CreateTableAs(root.CreateTableAsStmt, rel);
                break;
            case Node.NodeOneofCase.ViewStmt:
                CreateView(root.ViewStmt);
                break;
            case Node.NodeOneofCase.IndexStmt:
                CreateIndex(root.IndexStmt);
                break;
            case Node.NodeOneofCase.AlterTableStmt:
                AlterTable(root.AlterTableStmt);
                break;
            case Node.NodeOneofCase.DropStmt:
                Drop(root.DropStmt);
                break;
            case Node.NodeOneofCase.RenameStmt:
                Rename(root.RenameStmt);
                break;
            case Node.NodeOneofCase.AlterObjectSchemaStmt:
                SetSchema(root.AlterObjectSchemaStmt);
                break;
            case Node.NodeOneofCase.CreateSchemaStmt:
                CreateSchema(root.CreateSchemaStmt);
                break;
            case Node.NodeOneofCase.VariableSetStmt when root.VariableSetStmt.Name == "search_path":
                SetSearchPath(root.VariableSetStmt);
                break;
            case Node.NodeOneofCase.CreateFunctionStmt:
                CreateFunction(root.CreateFunctionStmt);
                break;
            case Node.NodeOneofCase.CreateSeqStmt:
                CreateSequence(root.CreateSeqStmt);
                break;
            case Node.NodeOneofCase.CreateEnumStmt:
                CreateEnum(root.CreateEnumStmt);
                break;
            case Node.NodeOneofCase.AlterEnumStmt:
                AlterEnum(root.AlterEnumStmt);
                break;
            case Node.NodeOneofCase.CreateDomainStmt:
                CreateDomain(root.CreateDomainStmt);
                break;
            case Node.NodeOneofCase.CompositeTypeStmt:
                AddType(root.CompositeTypeStmt.Typevar.ToQualifiedName(), TypeKind.Composite);
                break;
            case Node.NodeOneofCase.CreateExtensionStmt:
                CreateExtension(root.CreateExtensionStmt);
                break;
            case Node.NodeOneofCase.CreatePolicyStmt:
                CreatePolicy(root.CreatePolicyStmt);
                break;
            case Node.NodeOneofCase.AlterPolicyStmt:
                AlterPolicy(root.AlterPolicyStmt);
                break;
            case Node.NodeOneofCase.GrantStmt:
                Grant(root.GrantStmt);
                break;
            case Node.NodeOneofCase.CreateRoleStmt:
                catalog.AddRole(root.CreateRoleStmt.Role);
                break;
            case Node.NodeOneofCase.DropRoleStmt:
                foreach (var role in root.DropRoleStmt.Roles.Select(static r => r.RoleSpec?.Rolename).OfType<string>())
                {
                    catalog.RemoveRole(role);
                }

                break;
            case Node.NodeOneofCase.CommentStmt:
                Comment(root.CommentStmt);
                break;
        }
    }

    private void CreateSchema(CreateSchemaStmt create)
    {
        var name = create.Schemaname.Length > 0 ? create.Schemaname : create.Authrole?.Rolename;
        if (name is null)
        {
            return;
        }

        catalog.AddSchema(name);
        var saved = catalog.SearchPath;
        catalog.SearchPath = [name, .. saved];
        foreach (var element in create.SchemaElts)
        {
            Apply(element);
        }

        catalog.SearchPath = saved;
    }

    private void SetSearchPath(VariableSetStmt set)
    {
        if (set.Kind is VariableSetKind.VarReset or VariableSetKind.VarSetDefault)
        {
            catalog.SearchPath = ["public"];
            return;
        }

        if (set.Kind != VariableSetKind.VarSetValue)
        {
            return;
        }

        var schemas = set.Args
            .Select(static a => a.ConstantText() ?? a.AsString())
            .OfType<string>()
            .SelectMany(static s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(static s => s.Trim('"'))
            .Where(static s => s.Length > 0 && s != "$user")
            .ToImmutableArray();
        catalog.SearchPath = schemas.IsEmpty ? ["public"] : schemas;
    }

    /// <summary>The text of an expression as written in the statement, parentheses balanced.</summary>
    private string? TextOf(IMessage? node)
    {
        if (node is null || _statement is null)
        {
            return null;
        }

        var (first, last) = node.GetLocationExtent();
        if (first < 0)
        {
            return null;
        }

        var span = _statement.BalanceBrackets(_statement.GetSpan(first, last));
        return _statement.Source.ToString(span).Trim();
    }

    private QualifiedName Resolve(RangeVar relation) =>
        catalog.FindTable(relation.ToQualifiedName())?.Name ?? catalog.Qualify(relation.ToQualifiedName());
}
