using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Analysis.Tests;

/// <summary>
/// The public API of the packages rule authors compile against, compared with the listings in
/// <c>api/</c>, so that a change to the SDK is a visible diff in review. <c>PGLINT_UPDATE_GOLDEN=1</c>
/// rewrites the listings. The protobuf-generated AST (namespace <c>PgQuery</c>) is left out: it is
/// generated from libpg_query's schema and changes only with it.
/// </summary>
public sealed class PublicApiGoldenTests
{
    [TestCase(typeof(Analyzer))]
    [TestCase(typeof(PgLint.Syntax.SqlParser))]
    [TestCase(typeof(PgLint.Testing.TestMarkup))]
    public void Public_api_matches_the_checked_in_listing(Type typeInAssembly)
    {
        var assembly = typeInAssembly.Assembly;
        var actual = PublicApi.Describe(assembly);
        var path = Path.Combine(RepositoryRoot(), "api", assembly.GetName().Name + ".txt");
        if (Environment.GetEnvironmentVariable("PGLINT_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).Should().BeTrue($"the API listing {path} exists (create it with PGLINT_UPDATE_GOLDEN=1 and review it)");
        actual.Should().Be(
            File.ReadAllText(path).ReplaceLineEndings("\n"),
            $"the public API matches {path}; after an intended change, rewrite it with PGLINT_UPDATE_GOLDEN=1, review the diff, and mind that removing or changing a member breaks every published rule pack");
    }

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}

/// <summary>A stable text listing of an assembly's public and protected surface, one line per member.</summary>
internal static class PublicApi
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().Where(static t => t.Namespace != "PgQuery").OrderBy(static t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeHeader(type)).Append('\n');
            foreach (var member in Members(type).Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string TypeHeader(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : typeof(Delegate).IsAssignableFrom(type) ? "delegate" : "class";
        var modifiers = kind != "class" ? string.Empty
            : type is { IsAbstract: true, IsSealed: true } ? "static "
            : type.IsAbstract ? "abstract "
            : type.IsSealed ? "sealed "
            : string.Empty;
        var bases = new List<string>();
        if (kind == "class" && type.BaseType is { } baseType && baseType != typeof(object))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return $"{modifiers}{kind} {Name(type)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty)}";
    }

    private static IEnumerable<string> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{field.Name} = {Convert.ChangeType(field.GetRawConstantValue(), Enum.GetUnderlyingType(type), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        foreach (var member in type.GetMembers(Declared))
        {
            var line = member switch
            {
                ConstructorInfo c when Visible(c) => $"{(c.IsFamily || c.IsFamilyOrAssembly ? "protected " : string.Empty)}ctor({Parameters(c.GetParameters())})",
                MethodInfo m when Visible(m) && (!m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)) =>
                    $"{Modifiers(m)}{Name(m.ReturnType)} {m.Name}{GenericArguments(m)}({Parameters(m.GetParameters())})",
                PropertyInfo p when Accessors(p).Any(Visible) => Property(p),
                FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly =>
                    $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{(f.IsInitOnly ? "readonly " : string.Empty)}{Name(f.FieldType)} {f.Name}",
                EventInfo e when e.AddMethod is { } add && Visible(add) => $"event {Name(e.EventHandlerType!)} {e.Name}",
                _ => null,
            };
            if (line is not null)
            {
                yield return line;
            }
        }
    }

    private static string Property(PropertyInfo property)
    {
        var accessors = new List<string>();
        if (property.GetMethod is { } get && Visible(get))
        {
            accessors.Add("get;");
        }

        if (property.SetMethod is { } set && Visible(set))
        {
            accessors.Add(set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) ? "init;" : "set;");
        }

        var indexer = property.GetIndexParameters() is { Length: > 0 } index ? $"[{Parameters(index)}]" : string.Empty;
        var any = Accessors(property).First(Visible);
        return $"{Modifiers(any)}{Name(property.PropertyType)} {property.Name}{indexer} {{ {string.Join(' ', accessors)} }}";
    }

    private static IEnumerable<MethodInfo> Accessors(PropertyInfo property) =>
        new[] { property.GetMethod, property.SetMethod }.OfType<MethodInfo>();

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Modifiers(MethodInfo method)
    {
        var text = method.IsFamily || method.IsFamilyOrAssembly ? "protected " : string.Empty;
        if (method.IsStatic)
        {
            return text + "static ";
        }

        if (method.IsAbstract)
        {
            return text + "abstract ";
        }

        if (method.GetBaseDefinition() != method)
        {
            return text + (method.IsFinal ? "sealed override " : "override ");
        }

        return text + (method.IsVirtual && !method.IsFinal ? "virtual " : string.Empty);
    }

    private static string GenericArguments(MethodInfo method) =>
        method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(Name))}>" : string.Empty;

    private static string Parameters(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(static p =>
            (p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : string.Empty)
            + (p.IsOut ? "out " : p.ParameterType.IsByRef ? (p.IsIn ? "in " : "ref ") : string.Empty)
            + Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType)
            + " " + p.Name
            + (p.HasDefaultValue ? " = " + (p.DefaultValue is null ? "null" : p.DefaultValue is string s ? $"\"{s}\"" : Convert.ToString(p.DefaultValue, System.Globalization.CultureInfo.InvariantCulture)) : string.Empty)));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsByRef || type.IsPointer)
        {
            return Name(type.GetElementType()!) + (type.IsPointer ? "*" : "&");
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        var arguments = type.GetGenericArguments();
        var ownArguments = type.IsNested ? arguments.Skip(type.DeclaringType!.GetGenericArguments().Length).ToArray() : arguments;
        if (ownArguments.Length > 0)
        {
            name += $"<{string.Join(", ", ownArguments.Select(Name))}>";
        }

        return type.IsNested ? $"{Name(type.DeclaringType!)}.{name}" : $"{type.Namespace}.{name}";
    }
}
