using System.CommandLine;
using Seratio.Cli.Cli;

namespace Seratio.Cli.Verification;

/// <summary>What a verify command takes its state root from.</summary>
internal enum VerifyBasis
{
    /// <summary>The node's block header (the default: trusts the node).</summary>
    Node,
    /// <summary>A header whose commit certificate is signed by more than 2/3 of a trusted validator set (--trust).</summary>
    TrustedCommit,
    /// <summary>The root an anchor contract holds on an EVM chain (--on eth|etc --rpc --contract).</summary>
    Anchor,
}

/// <summary>
/// The options every <c>verify</c> command shares: <c>--on eth|etc --rpc URL --contract ADDR</c> (check against an
/// anchor contract) and <c>--trust FILE</c> (check the commit against trusted validators). One instance per command;
/// immutable after construction.
/// </summary>
internal sealed class VerifyOptions
{
    public VerifyOptions()
    {
        On.AcceptOnlyFromAmong("eth", "etc");
    }

    public Option<string?> On { get; } = new("--on") { Description = "Check against the anchor contract on this EVM chain (eth or etc) instead of the node's header; needs --rpc and --contract" };
    public Option<string?> Rpc { get; } = new("--rpc") { Description = "JSON-RPC URL of the EVM node (with --on)" };
    public Option<string?> Contract { get; } = new("--contract") { Description = "Address of the anchor contract (with --on; 0x + 40 hex)" };
    public Option<string?> Trust { get; } = new("--trust") { Description = "Check the block's commit against the validators of this genesis file or `seratio validators -o json` output instead of taking the node's word" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(On);
        command.Options.Add(Rpc);
        command.Options.Add(Contract);
        command.Options.Add(Trust);
    }

    /// <summary>The basis the options ask for; a usage error (exit 2) for an incomplete or contradictory combination.</summary>
    public VerifyBasis Basis(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        bool on = parse.GetValue(On) is not null, rpc = parse.GetValue(Rpc) is not null, contract = parse.GetValue(Contract) is not null;
        bool trust = parse.GetValue(Trust) is not null;
        if (on && trust) throw CommandException.Usage("--on and --trust are two ways to check the state root: give one");
        if (on && (!rpc || !contract)) throw CommandException.Usage("--on needs --rpc (the EVM node) and --contract (the anchor contract's address)");
        if (!on && (rpc || contract)) throw CommandException.Usage("--rpc and --contract go with --on eth|etc");
        return on ? VerifyBasis.Anchor : trust ? VerifyBasis.TrustedCommit : VerifyBasis.Node;
    }
}
