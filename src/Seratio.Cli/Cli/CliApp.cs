using System.CommandLine;
using Seratio.Cli.Devnet;
using Seratio.Cli.Hosting;
using Seratio.Cli.Keys;
using Seratio.Cli.Proofs;
using Seratio.Cli.Query;
using Seratio.Cli.Tx;

namespace Seratio.Cli.Cli;

/// <summary>
/// Builds the command tree and runs one command line: parse errors exit 2, failures print one
/// plain message on stderr and exit 1 (or 2 for usage), and no stack trace ever reaches the user.
/// </summary>
internal static class CliApp
{
    public static RootCommand BuildRoot(CliConsole console)
    {
        var options = new GlobalOptions(console);
        var root = new RootCommand("seratio: keys, transactions, queries, proofs and local networks of Seratio Chain");
        root.Options.Add(options.Node);
        root.Options.Add(options.Output);
        root.Subcommands.Add(KeysCommands.Create(options));
        root.Subcommands.Add(TxCommands.Create(options));
        root.Subcommands.Add(QueryCommands.Create(options));
        root.Subcommands.Add(StatusCommand.Create(options));
        root.Subcommands.Add(ConsensusCommand.Create(options));
        root.Subcommands.Add(ProofCommands.Create(options));
        root.Subcommands.Add(NodeCommands.Create());
        root.Subcommands.Add(DevnetCommand.Create(options));
        root.Subcommands.Add(Hosting.PortalCommand.Create(options));
        root.Subcommands.Add(Testnet.TestnetCommand.Create(options));
        root.Subcommands.Add(Modules.RoleCommands.Create(options));
        root.Subcommands.Add(Modules.EntityCommands.Create(options));
        root.Subcommands.Add(Modules.AssetCommands.Create(options));
        root.Subcommands.Add(Validators.ValidatorCommands.Validators(options));
        root.Subcommands.Add(Validators.ValidatorCommands.Evidence(options));
        root.Subcommands.Add(Modules.CertCommands.Create(options));
        root.Subcommands.Add(Modules.ProvenanceCommands.Create(options));
        root.Subcommands.Add(Modules.MicroshareCommands.Create(options));
        root.Subcommands.Add(Modules.ExchangeCommands.Create(options));
        root.Subcommands.Add(Modules.DafCommands.Create(options));
        root.Subcommands.Add(Modules.GrantCommands.Create(options));
        root.Subcommands.Add(Modules.AccountCommands.Create(options));
        root.Subcommands.Add(Modules.ValuesCommands.Create(options));
        root.Subcommands.Add(Bridges.RelayerCommand.Create(options));
        root.Subcommands.Add(Anchor.AnchorCommands.Create(options));
        return root;
    }

    /// <summary>
    /// The one parse error worth reading: a mistyped word makes the parser also complain that no
    /// command was given, so an unrecognized token wins over what follows from it.
    /// </summary>
    internal static string FirstUsageError(IReadOnlyList<System.CommandLine.Parsing.ParseError> errors)
    {
        var unrecognized = errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal));
        return (unrecognized ?? errors[0]).Message;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var parse = BuildRoot(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            console.Error.WriteLine($"error: {TerminalText.Escape(FirstUsageError(parse.Errors))}");
            console.Error.WriteLine("Run 'seratio --help' or 'seratio <command> --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                // Commands that run until stopped (node start, devnet) handle signals themselves.
                ProcessTerminationTimeout = null,
            }, cancellationToken);
        }
        catch (CommandException ex)
        {
            console.Error.WriteLine($"error: {TerminalText.Escape(ex.Message)}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            // A bug or an unfinished component; still one line for the user, not a dump.
            console.Error.WriteLine($"error: unexpected failure ({ex.GetType().Name}): {TerminalText.Escape(ex.Message)}");
            return ExitCodes.Failure;
        }
    }
}
