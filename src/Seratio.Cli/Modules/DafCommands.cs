using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Protocol;
using Seratio.Vm.Modules.Daf;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio daf</c>: the DAF that governs the chain (docs/modules/daf.md, docs/cli.md). Transactions through
/// <see cref="MsgSender"/>: <c>propose</c> (<see cref="DafProposeCommands"/>), <c>deposit</c>, <c>vote</c> and
/// <c>hand-over</c> (the authority gives itself up to the DAF), <c>set-members|set-params</c> (the authority, before it hands over); queries through <see cref="DafQueryCommands"/>:
/// <c>show|list|votes|members|params|treasury</c>. Every value is parsed before a key is opened, so a bad one is a
/// usage error (exit 2); a refused or failed transaction prints its code and message and exits 1.
/// </summary>
internal static class DafCommands
{
    public static Command Create(GlobalOptions options)
    {
        var daf = new Command("daf", "Govern the chain through the DAF: propose, deposit, vote; show proposals, the council, parameters and treasury");
        daf.Subcommands.Add(DafProposeCommands.Create(options));
        daf.Subcommands.Add(Deposit(options));
        daf.Subcommands.Add(Vote(options));
        daf.Subcommands.Add(HandOver(options));
        foreach (var direct in DafProposeCommands.Direct(options)) daf.Subcommands.Add(direct);
        DafQueryCommands.AddTo(daf, options);
        return daf;
    }

    internal static Argument<ulong> ProposalArgument() => new("proposal") { Description = "Proposal id (1, 2, ...)" };

    private static Command Deposit(GlobalOptions options)
    {
        var id = ProposalArgument();
        var amount = new Argument<string>("amount") { Description = "SER base units to add to the proposal's deposit" };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("deposit", "Add to a proposal's deposit in its deposit period; reaching the minimum opens the vote (refunded after the vote, burned on veto or lapse)") { id, amount });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgDepositProposal
            {
                ProposalId = MicroshareCommands.RequireId(parse.GetValue(id), "proposal"),
                Amount = CliValues.BaseUnits(parse.GetValue(amount)!, "amount"),
            };
            return sender.SendAsync(parse, _ => new Msg { DepositProposal = msg }, ct);
        });
        return command;
    }

    private static Command Vote(GlobalOptions options)
    {
        var id = ProposalArgument();
        var option = new Argument<string>("option") { Description = "yes, no, abstain or veto (a later vote replaces an earlier one until the vote ends)" };
        var sender = new MsgSender(options, signer: "a council member");
        var command = sender.AddTo(new Command("vote", "Vote on a proposal in its voting period (council members only)") { id, option });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgVote
            {
                ProposalId = MicroshareCommands.RequireId(parse.GetValue(id), "proposal"),
                Option = DafValues.Option(parse.GetValue(option)!),
            };
            return sender.SendAsync(parse, _ => new Msg { Vote = msg }, ct);
        });
        return command;
    }

    private static Command HandOver(GlobalOptions options)
    {
        var sender = new MsgSender(options, signer: "the authority");
        var command = sender.AddTo(new Command("hand-over", $"Hand the authority to the DAF ({Daf.Address}) for good: afterwards only passed proposals act as the authority. The council must be set first (daf propose is not needed for that yet: the authority sends set-members itself)"));
        command.SetAction((parse, ct) => sender.SendAsync(parse, _ => new Msg { HandOverAuthority = new MsgHandOverAuthority { To = Daf.Address.ToByteString() } }, ct));
        return command;
    }

    internal static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
