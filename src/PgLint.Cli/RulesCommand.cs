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
        var command = new Command("rules", "List the rules, or show one rule's documentation.") { rule, format };
        command.SetAction(parse => Execute(terminal, parse.GetValue(rule), parse.GetValue(format)!));
        return command;
    }

    private static int Execute(Terminal terminal, string? rule, string format)
    {
        var registry = new RuleRegistry(BuiltInRules.CreateAnalyzers());
        if (rule is not null)
        {
            var descriptor = registry.Find(rule);
            if (descriptor is null)
            {
                terminal.Error.WriteLine($"pglint: error[{ToolDiagnostics.InvalidConfiguration.Id} {ToolDiagnostics.InvalidConfiguration.Name}]: unknown rule '{rule}'.");
                return ExitCodes.UsageError;
            }

            terminal.Output.Write(RuleDocs.Get(descriptor.Id) ?? $"# {descriptor.Id}: {descriptor.Name}\n\n{descriptor.Title}.\n\n{descriptor.Description}\n");
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
                    }),
                    new JsonSerializerOptions { WriteIndented = true }));
                break;
            case "markdown":
                terminal.Output.WriteLine("| ID | name | category | default | title |");
                terminal.Output.WriteLine("|---|---|---|---|---|");
                foreach (var d in rows)
                {
                    terminal.Output.WriteLine($"| [{d.Id}]({d.HelpUri}) | {d.Name} | {d.Category} | {Level(d)} | {d.Title} |");
                }

                break;
            default:
                var nameWidth = rows.Max(static d => d.Name.Length);
                var categoryWidth = rows.Max(static d => d.Category.Length);
                foreach (var d in rows)
                {
                    terminal.Output.WriteLine($"{d.Id}  {d.Name.PadRight(nameWidth)}  {d.Category.PadRight(categoryWidth)}  {Level(d),-7}  {d.Title}");
                }

                break;
        }

        return ExitCodes.Success;
    }

    private static string Level(DiagnosticDescriptor d) => d.IsEnabledByDefault ? d.DefaultSeverity.ToString().ToLowerInvariant() : "off";
}
