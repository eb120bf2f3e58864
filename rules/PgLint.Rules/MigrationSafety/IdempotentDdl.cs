using System.Collections.Immutable;
using PgLint.Analysis;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Rules.MigrationSafety;

/// <summary>
/// PG1040: a migration that uses <c>CONCURRENTLY</c> cannot run in one transaction, so a failure part
/// way (an invalid index, a lock timeout) leaves the statements before it applied. The file is then run
/// again, and every plain <c>CREATE</c> of an object that now exists, or <c>DROP</c> of one that is gone,
/// fails the re-run. <c>IF NOT EXISTS</c> / <c>IF EXISTS</c> make those statements safe to repeat.
/// </summary>
/// <remarks>
/// Off by default. Only files with a concurrent statement (<c>CREATE INDEX</c>, <c>DROP INDEX</c>,
/// <c>REINDEX</c>, <c>DETACH PARTITION</c>) are checked, unless the option <c>allFiles</c> is set. Not
/// reported: forms the grammar gives no <c>IF [NOT] EXISTS</c> (<c>CREATE TYPE</c>, <c>CREATE VIEW</c>,
/// <c>ADD CONSTRAINT</c>, <c>CREATE FUNCTION</c> — the last two have <c>OR REPLACE</c>), and an index
/// without a name, which can take none. No profile turns the rule on: extension scripts must not use
/// <c>IF NOT EXISTS</c> (an object planted beforehand would be accepted as the extension's own).
/// </remarks>
public sealed class IdempotentDdl : Analyzer
{
    /// <summary>The option that checks every file, not only those with a concurrent statement.</summary>
    public const string AllFilesOption = "allFiles";

    /// <summary>The rule's descriptor.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "PG1040",
        "idempotent-ddl",
        "Make DDL in non-transactional migrations safe to re-run",
        "{0} {1} fails when the migration is run again after failing part-way; {2} makes it safe to repeat.",
        RuleCategory.MigrationSafety,
        Severity.Warning,
        isEnabledByDefault: false,
        description: "A migration with CONCURRENTLY cannot run in one transaction; after a partial failure it is run again, and CREATE/DROP without IF [NOT] EXISTS then fail. Add IF [NOT] EXISTS.",
        options:
        [
            new RuleOption(AllFilesOption, RuleOptionKind.Boolean, false, "Check every file, not only files with a concurrent statement."),
        ]);

    // DROP statements whose object-type keywords are known, so IF EXISTS can be placed after them.
    private static readonly Dictionary<ObjectType, string> DropForms = new()
    {
        [ObjectType.ObjectTable] = "TABLE", [ObjectType.ObjectIndex] = "INDEX", [ObjectType.ObjectView] = "VIEW",
        [ObjectType.ObjectSequence] = "SEQUENCE", [ObjectType.ObjectSchema] = "SCHEMA", [ObjectType.ObjectExtension] = "EXTENSION",
        [ObjectType.ObjectType] = "TYPE", [ObjectType.ObjectDomain] = "DOMAIN", [ObjectType.ObjectFunction] = "FUNCTION",
        [ObjectType.ObjectProcedure] = "PROCEDURE", [ObjectType.ObjectTrigger] = "TRIGGER", [ObjectType.ObjectPolicy] = "POLICY",
        [ObjectType.ObjectMatview] = "MATERIALIZED VIEW", [ObjectType.ObjectForeignTable] = "FOREIGN TABLE",
    };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDocumentStartAction(static start =>
        {
            if (start.Document.Tree.Statements.Any(static s => s.Root is { } root && IsConcurrent(root)))
            {
                start.RegisterStatementAction(Analyze);
            }
            else
            {
                start.RegisterStatementAction(static context =>
                {
                    if (context.Options.GetBoolean(Rule, AllFilesOption))
                    {
                        Analyze(context);
                    }
                });
            }
        });
    }

    private static bool IsConcurrent(Node root) => root.NodeCase switch
    {
        Node.NodeOneofCase.IndexStmt => root.IndexStmt.Concurrent,
        Node.NodeOneofCase.DropStmt => root.DropStmt.Concurrent,
        Node.NodeOneofCase.ReindexStmt => root.ReindexStmt.Params.IsOptionOn("concurrently"),
        Node.NodeOneofCase.AlterTableStmt => root.AlterTableStmt.Cmds.Any(static c => c.AlterTableCmd?.Def?.PartitionCmd is { Concurrent: true }),
        _ => false,
    };

    private static void Analyze(StatementContext context)
    {
        var statement = context.Statement;
        var root = context.Root;
        switch (root.NodeCase)
        {
            case Node.NodeOneofCase.CreateStmt when root.CreateStmt is { IfNotExists: false, Relation: { } relation }:
                Report(context, "CREATE TABLE", relation.ToQualifiedName().ToString(), true, Before(context, relation.Location));
                break;
            case Node.NodeOneofCase.CreateTableAsStmt when root.CreateTableAsStmt is { IfNotExists: false, Into.Rel: { } relation } create:
                var kind = create.Objtype == ObjectType.ObjectMatview ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE";
                Report(context, kind, relation.ToQualifiedName().ToString(), true, Before(context, relation.Location));
                break;
            case Node.NodeOneofCase.IndexStmt when root.IndexStmt is { IfNotExists: false, Idxname.Length: > 0 } index:
                Report(context, "CREATE INDEX", QualifiedName.Quote(index.Idxname), true, AfterKeywords(statement, Token.Index, 0, optionalConcurrently: true));
                break;
            case Node.NodeOneofCase.CreateSeqStmt when root.CreateSeqStmt is { IfNotExists: false, Sequence: { } sequence }:
                Report(context, "CREATE SEQUENCE", sequence.ToQualifiedName().ToString(), true, Before(context, sequence.Location));
                break;
            case Node.NodeOneofCase.CreateSchemaStmt when root.CreateSchemaStmt is { IfNotExists: false } schema:
                // IF NOT EXISTS cannot be combined with schema elements.
                var schemaFix = schema.SchemaElts.Count == 0 ? AfterKeywords(statement, Token.Schema, 0) : null;
                Report(context, "CREATE SCHEMA", QualifiedName.Quote(schema.Schemaname), true, schemaFix);
                break;
            case Node.NodeOneofCase.CreateExtensionStmt when root.CreateExtensionStmt is { IfNotExists: false } extension:
                Report(context, "CREATE EXTENSION", QualifiedName.Quote(extension.Extname), true, AfterKeywords(statement, Token.Extension, 0));
                break;
            case Node.NodeOneofCase.DropStmt when root.DropStmt is { MissingOk: false } drop:
                Drop(context, drop);
                break;
            case Node.NodeOneofCase.AlterTableStmt:
                AlterTable(context, root.AlterTableStmt);
                break;
        }
    }

    private static void Drop(StatementContext context, DropStmt drop)
    {
        if (!DropForms.TryGetValue(drop.RemoveType, out var form))
        {
            return;
        }

        var names = string.Join(", ", drop.Objects.Select(static o => o.List?.Items.ToQualifiedName().ToString() ?? o.TypeName?.Names.ToQualifiedName().ToString() ?? o.ObjectWithArgs?.Objname.ToQualifiedName().ToString() ?? o.String?.Sval).OfType<string>());
        var keywords = form.Count(static c => c == ' ') + 1;
        Report(context, "DROP " + form, names, false, AfterKeywords(context.Statement, Token.Drop, keywords, optionalConcurrently: drop.Concurrent));
    }

    private static void AlterTable(StatementContext context, AlterTableStmt alter)
    {
        var commands = alter.Cmds.Select(static c => c.AlterTableCmd).OfType<AlterTableCmd>().ToList();
        foreach (var command in commands.Where(static c => !c.MissingOk))
        {
            switch (command.Subtype)
            {
                case AlterTableType.AtAddColumn or AlterTableType.AtAddColumnRecurse when command.Def?.ColumnDef is { } column:
                    Report(context, "ADD COLUMN", QualifiedName.Quote(column.Colname), true, Before(context, column.Location));
                    break;
                case AlterTableType.AtDropColumn or AlterTableType.AtDropColumnRecurse:
                    Report(context, "DROP COLUMN", QualifiedName.Quote(command.Name), false, commands.Count == 1 ? AfterDrop(context.Statement, Token.Column) : null);
                    break;
                case AlterTableType.AtDropConstraint or AlterTableType.AtDropConstraintRecurse:
                    Report(context, "DROP CONSTRAINT", QualifiedName.Quote(command.Name), false, commands.Count == 1 ? AfterDrop(context.Statement, Token.Constraint) : null);
                    break;
            }
        }
    }

    private static void Report(StatementContext context, string command, string name, bool create, int? insertAt)
    {
        var clause = create ? "IF NOT EXISTS" : "IF EXISTS";
        var fix = insertAt is not { } position
            ? null
            : new Fix(
                $"Insert {clause}",
                [TextEdit.Insert(position, clause + " ")],
                // A different object of the same name would be kept silently; a missing one dropped is the same outcome.
                create ? FixSafety.Unsafe : FixSafety.Safe);
        context.Report(Rule, context.Statement.Span, fix, command, name, clause);
    }

    private static int? Before(StatementContext context, int location) =>
        location < 0 ? null : context.GetSpan(location).Start;

    /// <summary>The start of the code token after <paramref name="keyword"/> and the <paramref name="skip"/> tokens (and an optional CONCURRENTLY) that follow it.</summary>
    private static int? AfterKeywords(SqlStatement statement, Token keyword, int skip, bool optionalConcurrently = false)
    {
        var code = CodeTokens(statement).ToList();
        var at = code.FindIndex(i => statement.Tokens[i].Kind == keyword);
        if (at < 0 || at + skip + 1 >= code.Count)
        {
            return null;
        }

        var next = at + skip + 1;
        if (optionalConcurrently && statement.Tokens[code[next]].Kind == Token.Concurrently)
        {
            next++;
        }

        return next < code.Count ? statement.GetTokenSpanAt(code[next]).Start : null;
    }

    /// <summary>For <c>DROP [COLUMN|CONSTRAINT] name</c>: the position where <c>IF EXISTS</c> goes.</summary>
    private static int? AfterDrop(SqlStatement statement, Token objectKeyword)
    {
        var code = CodeTokens(statement).ToList();
        var drop = code.FindIndex(i => statement.Tokens[i].Kind == Token.Drop);
        if (drop < 0 || drop + 1 >= code.Count)
        {
            return null;
        }

        var next = statement.Tokens[code[drop + 1]].Kind == objectKeyword ? drop + 2 : drop + 1;
        return next < code.Count ? statement.GetTokenSpanAt(code[next]).Start : null;
    }

    private static IEnumerable<int> CodeTokens(SqlStatement statement) =>
        Enumerable.Range(0, statement.Tokens.Length).Where(i => !statement.Tokens[i].IsComment);
}
