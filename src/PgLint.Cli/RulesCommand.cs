using System.CommandLine;
using System.Text.Json;
using PgLint.Analysis;
using PgLint.Rules;

namespace PgLint.Cli;

/// <summary><c>pglint rules [ID|NAME]</c>: the rule catalog, or one rule's documentation.</summary>
internal static class RulesCommand
{
    public static Command Create(Terminal terminal)
    {
        var rule = new Argument<string?>("rule") { Description = "A rule id or name: print its documentation.", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format", "-f") { Description = "Output format of the list.", DefaultValueFactory = static _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var config = new Option<string?>("--config", "-c") { Description = "Configuration file whose plugins to include (default: the nearest pglint.json upward)." };
        var plugin = PluginSetup.CreateOption();
        var command = new Command("rules", "List the rules, or show one rule's documentation.") { rule, format, config, plugin };
        command.SetAction(parse => Execute(terminal, parse.GetValue(rule), parse.GetValue(format)!, parse.GetValue(config), parse.GetValue(plugin) ?? []));
        return command;
    }

    private static int Execute(Terminal terminal, string? rule, string format, string? config, string[] plugins)
    {
        RuleRegistry registry;
        try
        {
            var configuration = CheckCommand.LoadConfiguration(terminal, config);
            registry = new RuleRegistry(PluginSetup.Load(terminal, configuration, plugins, verbose: false).Analyzers);
        }
        catch (ConfigurationException ex)
        {
            return CheckCommand.ConfigurationError(terminal, ex.Message);
        }

        if (rule is not null)
        {
            var descriptor = registry.Find(rule);
            if (descriptor is null)
            {
                return CheckCommand.ConfigurationError(terminal, $"unknown rule '{rule}'.");
            }

            terminal.Output.Write(RuleDocs.Get(descriptor.Id) ?? FallbackPage(descriptor));
            return ExitCodes.Success;
        }

        var rows = registry.Descriptors;
        switch (format)
        {
            case "json":
                terminal.Output.WriteLine(JsonSerializer.Serialize(
                    rows.Select(static d => new
                    {
                        id = d.Id,
                        name = d.Name,
                        category = d.Category,
                        defaultSeverity = d.IsEnabledByDefault ? d.DefaultSeverity.ToString().ToLowerInvariant() : "off",
                        title = d.Title,
                        helpUri = d.HelpUri,
                        hazard = d.Hazard is { } h ? new { @lock = h.Lock.ToSql(), effect = EffectName(h.Effect), text = h.ToString() } : null,
                    }),
                    new JsonSerializerOptions { WriteIndented = true }));
                break;
            case "markdown":
                terminal.Output.Write(MarkdownTable(rows, static d => d.HelpUri));
                break;
            default:
                var nameWidth = rows.Max(static d => d.Name.Length);
                var categoryWidth = rows.Max(static d => d.Category.Length);
                foreach (var d in rows)
                {
                    terminal.Output.WriteLine($"{d.Id}  {d.Name.PadRight(nameWidth)}  {d.Category.PadRight(categoryWidth)}  {Level(d),-7}  {d.Title}{(d.Hazard is { } h ? $" [{h}]" : string.Empty)}");
                }

                break;
        }

        return ExitCodes.Success;
    }

    /// <summary>The page <c>docs/rules/index.md</c>: every rule with a link to its page.</summary>
    public static string IndexPage(RuleRegistry registry) =>
        "# Rules\n\n"
        + "Every rule of pglint, generated from the rules themselves by `eng/generate.sh`. The ids and names are a\n"
        + "stable contract: use them in `pglint.json`, suppression comments and baselines. `off` rules are opt-in.\n\n"
        + MarkdownTable(registry.Descriptors, static d => d.Id + ".md");

    /// <summary>
    /// The page <c>docs/profiles.md</c>: what each profile changes, generated from the rules' profile levels
    /// so that it cannot drift from them.
    /// </summary>
    public static string ProfilesPage(RuleRegistry registry)
    {
        var page = new System.Text.StringBuilder(
            "# Profiles\n\n"
            + "Where PostgreSQL users disagree on policy, pglint ships the disagreement as a **profile** instead of one\n"
            + "global answer. `--profile NAME` (or `\"profile\": \"NAME\"` in `pglint.json`) picks one:\n\n"
            + "- `app-migration` (the default): schema migrations of an application, run by a migration tool against\n"
            + "  databases the application owns.\n"
            + "- `extension-script`: extension install and upgrade scripts (and other install scripts) that run in\n"
            + "  databases they do not own, often as superuser, in schemas other roles may write to.\n"
            + "- `queries`: files of application queries; rules about statements that run again and again look at\n"
            + "  every statement.\n\n"
            + "A profile changes rules' default levels, listed below; configuration (`rules` in `pglint.json`,\n"
            + "`--enable`, `--disable`, `--severity`) still wins over it. Each rule's page says why its level differs.\n"
            + "This page is generated from the rules by `eng/generate.sh`.\n\n"
            + "| ID | name | " + string.Join(" | ", Profiles.All) + " |\n|---|---|" + string.Concat(Profiles.All.Select(static _ => "---|")) + "\n");
        foreach (var d in registry.Descriptors.Where(static d => !d.ProfileLevels.IsEmpty))
        {
            var levels = Profiles.All.Select(p => d.ProfileLevels.TryGetValue(p, out var level) ? $"**{level}**" : Level(d));
            page.Append($"| [{d.Id}](rules/{d.Id}.md) | {d.Name} | {string.Join(" | ", levels)} |\n");
        }

        page.Append("\nLevels in bold differ from the rule's default.\n\n"
            + "Profiles also change what a few rules look at: [PG4004](rules/PG4004.md) reports top-level queries only in\n"
            + "the `queries` profile (elsewhere a top-level statement runs once, during the deploy).\n");
        return page.ToString();
    }

    private static string MarkdownTable(IEnumerable<DiagnosticDescriptor> rows, Func<DiagnosticDescriptor, string> link)
    {
        var table = new System.Text.StringBuilder("| ID | name | category | default | title | lock |\n|---|---|---|---|---|---|\n");
        foreach (var d in rows)
        {
            table.Append($"| [{d.Id}]({link(d)}) | {d.Name} | {d.Category} | {Level(d)} | {d.Title} | {d.Hazard} |\n");
        }

        return table.ToString();
    }

    /// <summary>The text printed for a rule without a docs page (plugin rules).</summary>
    private static string FallbackPage(DiagnosticDescriptor d) =>
        $"# {d.Id}: {d.Name}\n\n{d.Title}.\n\n{(d.Hazard is { } hazard ? $"Lock: {hazard}.\n\n" : string.Empty)}{d.Description}\n";

    /// <summary>A hazard's effect in the JSON list: <c>metadata-only</c>, <c>scan</c>, <c>rewrite</c> or <c>data-loss</c>.</summary>
    private static string EffectName(TableEffect effect) => effect switch
    {
        TableEffect.MetadataOnly => "metadata-only",
        TableEffect.Scan => "scan",
        TableEffect.Rewrite => "rewrite",
        TableEffect.DataLoss => "data-loss",
        _ => effect.ToString(),
    };

    private static string Level(DiagnosticDescriptor d) => d.IsEnabledByDefault ? d.DefaultSeverity.ToString().ToLowerInvariant() : "off";
}
