using System.CommandLine;
using Seratio.Core.Keys;

namespace Seratio.Cli.Cli;

/// <summary>
/// Options shared by several commands. <c>--node</c> and <c>--output</c> are recursive, so
/// every command accepts them; the others are added by the commands that use them. Defaults
/// come from environment variables through the console, so tests control them.
/// </summary>
internal sealed class GlobalOptions
{
    public const string DefaultNode = "http://127.0.0.1:9090";
    public const string DefaultDevnetHome = ".devnet";

    public GlobalOptions(CliConsole console)
    {
        Console = console;
        Node = new Option<string>("--node")
        {
            Description = "URL of the node's gRPC API (env SERATIO_NODE)",
            Recursive = true,
            DefaultValueFactory = _ => console.Environment("SERATIO_NODE") is { Length: > 0 } env ? env : DefaultNode,
        };
        Output = new Option<string>("--output", "-o")
        {
            Description = "Output format: text or json",
            Recursive = true,
            DefaultValueFactory = _ => "text",
        };
        Output.AcceptOnlyFromAmong("text", "json");
    }

    public CliConsole Console { get; }
    public Option<string> Node { get; }
    public Option<string> Output { get; }

    /// <summary>A new --keystore option (env SERATIO_KEYSTORE, default ~/.seratio/keys).</summary>
    public Option<string> KeystoreOption() => new("--keystore")
    {
        Description = "Keystore folder (env SERATIO_KEYSTORE)",
        DefaultValueFactory = _ => Console.Environment("SERATIO_KEYSTORE") is { Length: > 0 } env ? env : Keystore.DefaultDirectory,
    };

    /// <summary>A new --passphrase-file option.</summary>
    public static Option<string?> PassphraseFileOption() => new("--passphrase-file")
    {
        Description = "Read the keystore passphrase from the first line of this file instead of prompting",
    };

    /// <summary>A new --home option naming a devnet home (env SERATIO_HOME, default ./.devnet).</summary>
    public Option<string> DevnetHomeOption(string description) => new("--home")
    {
        Description = description,
        DefaultValueFactory = _ => Console.Environment("SERATIO_HOME") is { Length: > 0 } env ? env : DefaultDevnetHome,
    };

    public Printer Printer(ParseResult parse) => new(Console, parse.GetValue(Output) == "json" ? OutputFormat.Json : OutputFormat.Text);
}
