using System.Collections.Immutable;
using System.Text.Json;

namespace PgLint.Analysis;

/// <summary>
/// A <c>pglint.json</c> file. Structure is checked on load (an unknown key or a value of the wrong
/// kind is a <see cref="ConfigurationException"/> naming it); rule keys and options are checked
/// against the rules of the run by <see cref="CreateSettings"/>.
/// </summary>
public sealed class PgLintConfiguration
{
    /// <summary>The file name searched for from the current folder upward.</summary>
    public const string FileName = "pglint.json";

    private static readonly ImmutableHashSet<string> KnownKeys =
    [
        "$schema", "profile", "pgVersion", "assumeInTransaction", "include", "exclude", "schema", "rules", "ruleOptions", "plugins",
    ];

    private JsonElement? _ruleOptions;

    /// <summary>The file the configuration came from, or null for defaults.</summary>
    public string? Path { get; private init; }

    /// <summary>The folder relative paths are resolved against.</summary>
    public string BaseDirectory { get; private init; } = Directory.GetCurrentDirectory();

    /// <summary><c>profile</c>: one of <see cref="Profiles"/>, or null for the default.</summary>
    public string? Profile { get; private init; }

    /// <summary><c>pgVersion</c>.</summary>
    public PostgresVersion? PostgresVersion { get; private init; }

    /// <summary><c>assumeInTransaction</c>.</summary>
    public bool? AssumeInTransaction { get; private init; }

    /// <summary><c>include</c> globs (relative to <see cref="BaseDirectory"/>).</summary>
    public ImmutableArray<string> Include { get; private init; } = [];

    /// <summary><c>exclude</c> globs.</summary>
    public ImmutableArray<string> Exclude { get; private init; } = [];

    /// <summary><c>schema</c> files, as absolute paths.</summary>
    public ImmutableArray<string> Schema { get; private init; } = [];

    /// <summary><c>plugins</c> entries as written.</summary>
    public ImmutableArray<string> Plugins { get; private init; } = [];

    /// <summary><c>rules</c> in file order (categories are applied before single rules by <see cref="CreateSettings"/>).</summary>
    public ImmutableArray<RuleDirective> Rules { get; private init; } = [];

    /// <summary>An empty configuration.</summary>
    public static PgLintConfiguration Default { get; } = new();

    /// <summary>The nearest <c>pglint.json</c> in <paramref name="directory"/> or a parent, or null.</summary>
    public static string? FindNearest(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var candidate = System.IO.Path.Combine(current.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Loads and structurally validates a configuration file.</summary>
    /// <exception cref="ConfigurationException">The file cannot be read, is not JSON, or has an unknown key or bad value.</exception>
    public static PgLintConfiguration Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the configuration: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses configuration text; <paramref name="path"/> names it in messages and anchors relative paths.</summary>
    /// <exception cref="ConfigurationException">Not JSON, an unknown key, or a bad value.</exception>
    public static PgLintConfiguration Parse(string text, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{path}: not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"{path}: the configuration must be a JSON object.");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!KnownKeys.Contains(property.Name))
                {
                    throw new ConfigurationException(
                        $"{path}: unknown key '{property.Name}' (known keys: {string.Join(", ", KnownKeys.Order(StringComparer.Ordinal))}).");
                }
            }

            var baseDirectory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
            return new PgLintConfiguration
            {
                Path = path,
                BaseDirectory = baseDirectory,
                Profile = ReadProfile(root, path),
                PostgresVersion = ReadVersion(root, path),
                AssumeInTransaction = ReadBoolean(root, "assumeInTransaction", path),
                Include = ReadStrings(root, "include", path),
                Exclude = ReadStrings(root, "exclude", path),
                Schema = [.. ReadStrings(root, "schema", path).Select(p => System.IO.Path.GetFullPath(p, baseDirectory))],
                Plugins = ReadStrings(root, "plugins", path),
                Rules = ReadRules(root, path),
                _ruleOptions = root.TryGetProperty("ruleOptions", out var options) ? options.Clone() : null,
            };
        }
    }

    /// <summary>
    /// Builds the run's settings: this file's rules, then the command line's directives and overrides.
    /// </summary>
    /// <exception cref="ConfigurationException">An unknown rule, category, level or option.</exception>
    public LintSettings CreateSettings(
        RuleRegistry registry,
        IEnumerable<RuleDirective>? commandLineDirectives = null,
        PostgresVersion? postgresVersion = null,
        bool? assumeInTransaction = null,
        string? profile = null)
    {
        var fileDirectives = Rules
            .OrderBy(d => registry.Find(d.Key) is null ? 0 : 1)
            .ToList();
        var options = _ruleOptions is { } json
            ? RuleOptions.FromJson(json, registry, Path ?? FileName)
            : RuleOptions.Empty;
        return new LintSettings(
            registry,
            [.. fileDirectives, .. commandLineDirectives ?? []],
            postgresVersion ?? PostgresVersion,
            assumeInTransaction ?? AssumeInTransaction ?? false,
            options,
            profile ?? Profile);
    }

    private static string? ReadProfile(JsonElement root, string path)
    {
        if (!root.TryGetProperty("profile", out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && Profiles.All.Contains(value.GetString(), StringComparer.Ordinal)
            ? value.GetString()
            : throw new ConfigurationException($"{path}: 'profile' must be one of {string.Join(", ", Profiles.All.Select(static p => $"\"{p}\""))}, not {value.GetRawText()}.");
    }

    private static PostgresVersion? ReadVersion(JsonElement root, string path)
    {
        if (!root.TryGetProperty("pgVersion", out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return Analysis.PostgresVersion.TryParse(text, out var version)
            ? version
            : throw new ConfigurationException($"{path}: 'pgVersion' must be a PostgreSQL version such as \"15\" or \"14.3\", not {value.GetRawText()}.");
    }

    private static bool? ReadBoolean(JsonElement root, string key, string path)
    {
        if (!root.TryGetProperty(key, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ConfigurationException($"{path}: '{key}' must be true or false, not {value.GetRawText()}."),
        };
    }

    private static ImmutableArray<string> ReadStrings(JsonElement root, string key, string path)
    {
        if (!root.TryGetProperty(key, out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(static e => e.ValueKind != JsonValueKind.String))
        {
            throw new ConfigurationException($"{path}: '{key}' must be an array of strings.");
        }

        return [.. value.EnumerateArray().Select(static e => e.GetString()!)];
    }

    private static ImmutableArray<RuleDirective> ReadRules(JsonElement root, string path)
    {
        if (!root.TryGetProperty("rules", out var rules))
        {
            return [];
        }

        if (rules.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigurationException($"{path}: 'rules' must be an object mapping rule ids, names or categories to error, warning, info or off.");
        }

        return [.. rules.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String
            ? new RuleDirective(p.Name, p.Value.GetString()!, $"{path}: rules.{p.Name}")
            : throw new ConfigurationException($"{path}: rules.{p.Name} must be one of \"error\", \"warning\", \"info\", \"off\", not {p.Value.GetRawText()}."))];
    }
}
