using System.Text.Json;
using System.Text.Json.Nodes;

namespace PgLint.Analysis;

/// <summary>
/// The JSON schema of <c>pglint.json</c> for a set of rules: editors complete and validate rule ids,
/// names, categories, levels and each rule's options from it.
/// </summary>
public static class ConfigurationSchema
{
    /// <summary>The schema's <c>$id</c>.</summary>
    public const string Id = "https://github.com/pglint/pglint/blob/main/docs/pglint.schema.json";

    /// <summary>Generates the schema text (indented, LF line ends, trailing newline).</summary>
    public static string Generate(RuleRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var level = new JsonObject
        {
            ["enum"] = new JsonArray("error", "warning", "info", "off"),
        };
        var rules = new JsonObject();
        foreach (var category in registry.Categories)
        {
            rules[category] = Describe(level, $"Every rule of the {category} category.");
        }

        foreach (var descriptor in registry.Descriptors)
        {
            var text = $"{descriptor.Title} (default: {(descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString().ToLowerInvariant() : "off")}).";
            rules[descriptor.Id] = Describe(level, $"{descriptor.Name}: {text}");
            rules[descriptor.Name] = Describe(level, $"{descriptor.Id}: {text}");
        }

        var ruleOptions = new JsonObject();
        foreach (var descriptor in registry.Descriptors.Where(static d => !d.Options.IsEmpty))
        {
            var properties = new JsonObject();
            foreach (var option in descriptor.Options)
            {
                var property = option.Kind switch
                {
                    RuleOptionKind.Integer => new JsonObject { ["type"] = "integer" },
                    RuleOptionKind.Boolean => new JsonObject { ["type"] = "boolean" },
                    RuleOptionKind.String => new JsonObject { ["type"] = "string" },
                    _ => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                };
                property["description"] = option.Description;
                property["default"] = JsonSerializer.SerializeToNode(option.DefaultValue);
                properties[option.Name] = property;
            }

            ruleOptions[descriptor.Id] = new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["properties"] = properties,
            };
        }

        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = Id,
            ["title"] = "pglint configuration",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["$schema"] = new JsonObject { ["type"] = "string" },
                ["profile"] = new JsonObject
                {
                    ["description"] = "Rule levels for a kind of SQL: app-migration (default), extension-script or queries. Rules configured below still win.",
                    ["enum"] = new JsonArray([.. Profiles.All.Select(static p => (JsonNode)p)]),
                },
                ["pgVersion"] = new JsonObject
                {
                    ["description"] = "Target PostgreSQL version for version-dependent rules (default 15).",
                    ["type"] = new JsonArray("string", "number"),
                    ["pattern"] = "^[0-9]{1,2}(\\.[0-9]+)?$",
                },
                ["assumeInTransaction"] = new JsonObject
                {
                    ["description"] = "Each file runs inside a transaction (as Flyway, Rails, Alembic do).",
                    ["type"] = "boolean",
                },
                ["include"] = StringList("Globs of files to lint when no path is given."),
                ["exclude"] = StringList("Globs of files never linted."),
                ["schema"] = StringList("Schema dumps that seed the catalog before the first file."),
                ["plugins"] = StringList("Rule packs: a package id with version (Id@1.2.0) or a path to a .nupkg or .dll."),
                ["rules"] = new JsonObject
                {
                    ["description"] = "Rule levels by id, name or category.",
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                    ["properties"] = rules,
                },
                ["ruleOptions"] = new JsonObject
                {
                    ["description"] = "Options of rules, by rule id.",
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                    ["properties"] = ruleOptions,
                },
            },
        };

        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject Describe(JsonObject level, string description)
    {
        var copy = (JsonObject)level.DeepClone();
        copy["description"] = description;
        return copy;
    }

    private static JsonObject StringList(string description) => new()
    {
        ["description"] = description,
        ["type"] = new JsonArray("array", "string"),
        ["items"] = new JsonObject { ["type"] = "string" },
    };
}
