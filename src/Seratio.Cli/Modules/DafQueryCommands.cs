using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;
using static Seratio.Cli.Modules.DafCommands;
using static Seratio.Cli.Modules.DafValues;
using static Seratio.Client.Governance.GovernanceWords;
using static Seratio.Client.Governance.Shares;

namespace Seratio.Cli.Modules;

/// <summary><c>seratio daf show|list|votes|members|params|treasury</c>: read-only DAF queries over the public API (docs/cli.md).</summary>
internal static class DafQueryCommands
{
    public static void AddTo(Command daf, GlobalOptions options)
    {
        daf.Subcommands.Add(Show(options));
        daf.Subcommands.Add(List(options));
        daf.Subcommands.Add(Votes(options));
        daf.Subcommands.Add(Members(options));
        daf.Subcommands.Add(Params(options));
        daf.Subcommands.Add(Treasury(options));
    }

    internal static Option<ulong> Height() => new("--height") { Description = "A retained height (default: latest)" };
    internal static Option<string> PageToken() => new("--page-token") { Description = "next_page_token of the previous page", DefaultValueFactory = _ => "" };

    private static Command Show(GlobalOptions options)
    {
        var id = ProposalArgument();
        var height = Height();
        var prove = new Option<bool>("--prove") { Description = "Ask for a state proof of the proposal" };
        var waitFor = new Option<string?>("--wait-for") { Description = "Wait until the proposal reaches this status (e.g. passed, executed); exit 1 if it ends in another" };
        var timeout = new Option<uint>("--timeout") { Description = "With --wait-for: seconds to wait at most", DefaultValueFactory = _ => 180 };
        var command = new Command("show", "Show a proposal: status and countdown, tally as shares of the council's weight, what it needs, the execution's result") { id, height, prove, waitFor, timeout };
        command.SetAction(async (parse, ct) =>
        {
            var request = new GetProposalRequest { Id = MicroshareCommands.RequireId(parse.GetValue(id), "proposal"), Height = parse.GetValue(height), Prove = parse.GetValue(prove) };
            ProposalStatus? target = parse.GetValue(waitFor) is { } w ? Status(w) : null;
            if (target is not null && request.Height != 0) throw CommandException.Usage("--wait-for follows the latest height; leave out --height");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetProposalAsync(request, o), NodeConnection.QuickCall, ct);
            if (target is { } wanted)
            {
                var deadline = DateTime.UtcNow.AddSeconds(parse.GetValue(timeout));
                while (r.Proposal.Status != wanted && !Settled(r.Proposal.Status, wanted))
                {
                    if (DateTime.UtcNow >= deadline)
                        throw CommandException.Failed($"proposal {Num(request.Id)} is still {StatusName(r.Proposal.Status)} at height {Num(r.Height)} after {parse.GetValue(timeout)} s; not {StatusName(wanted)}");
                    await Task.Delay(PollInterval, ct);
                    r = await node.CallAsync((c, o) => c.GetProposalAsync(request, o), NodeConnection.QuickCall, ct);
                }
            }
            var members = await node.CallAsync((c, o) => c.GetMembersAsync(new GetMembersRequest { Height = r.Height }, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { proposal = Json(r.Proposal), height = r.Height, state_root = Display.Hex(r.StateRoot), proof = r.Proof is null ? null : ProofJson.Of(r.Proof) },
                () => ProposalText.Lines(r.Proposal, r.Height, members.TotalWeight));
            if (target is { } t && r.Proposal.Status != t)
                throw CommandException.Failed($"proposal {Num(request.Id)} ended {StatusName(r.Proposal.Status)}, not {StatusName(t)}" + (r.Proposal.Failure.Length > 0 ? $": {r.Proposal.Failure}" : ""));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>How often <c>--wait-for</c> asks the node.</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether a proposal in <paramref name="status"/> can no longer reach <paramref name="wanted"/> (statuses only move forward).</summary>
    internal static bool Settled(ProposalStatus status, ProposalStatus wanted) => status switch
    {
        ProposalStatus.Executed or ProposalStatus.Failed or ProposalStatus.Rejected or ProposalStatus.Vetoed or ProposalStatus.Lapsed => true,
        ProposalStatus.Passed => wanted is ProposalStatus.DepositPeriod or ProposalStatus.VotingPeriod or ProposalStatus.Rejected or ProposalStatus.Vetoed or ProposalStatus.Lapsed,
        ProposalStatus.VotingPeriod => wanted is ProposalStatus.DepositPeriod or ProposalStatus.Lapsed,
        _ => false,
    };

    private static Command List(GlobalOptions options)
    {
        var status = new Option<string?>("--status") { Description = "Only deposit, voting, passed, executed, failed, rejected, vetoed or lapsed" };
        var height = Height();
        var pageSize = new Option<uint>("--page-size") { Description = "Proposals per page, 1-100", DefaultValueFactory = _ => 20 };
        var pageToken = PageToken();
        var command = new Command("list", "List proposals, newest first") { status, height, pageSize, pageToken };
        command.SetAction(async (parse, ct) =>
        {
            var request = new ListProposalsRequest
            {
                Status = parse.GetValue(status) is { } s ? Status(s) : ProposalStatus.Unspecified,
                Height = parse.GetValue(height),
                PageSize = parse.GetValue(pageSize) is var size and >= 1 and <= 100 ? size : throw CommandException.Usage("--page-size must be 1-100"),
                PageToken = parse.GetValue(pageToken)!,
            };
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.ListProposalsAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { proposals = r.Proposals.Select(p => Json(p)).ToList(), last_id = r.LastId, next_page_token = r.NextPageToken, height = r.Height },
                () => [
                    Printer.Row("id", "status", "title", "yes", "no", "abstain", "veto", "messages"),
                    .. r.Proposals.Select(p => Printer.Row(Num(p.Id), StatusName(p.Status), p.Title, Num(p.Tally?.Yes ?? 0), Num(p.Tally?.No ?? 0),
                        Num(p.Tally?.Abstain ?? 0), Num(p.Tally?.Veto ?? 0), Num((ulong)p.Msgs.Count))),
                    .. r.NextPageToken.Length == 0 ? [] : new[] { $"more: --page-token {r.NextPageToken}" },
                ]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Votes(GlobalOptions options)
    {
        var id = ProposalArgument();
        var height = Height();
        var pageSize = new Option<uint>("--page-size") { Description = "Votes per page, 1-1000", DefaultValueFactory = _ => 100 };
        var pageToken = PageToken();
        var command = new Command("votes", "List a proposal's votes in the order members first voted") { id, height, pageSize, pageToken };
        command.SetAction(async (parse, ct) =>
        {
            var request = new ListVotesRequest
            {
                ProposalId = MicroshareCommands.RequireId(parse.GetValue(id), "proposal"),
                Height = parse.GetValue(height),
                PageSize = parse.GetValue(pageSize) is var size and >= 1 and <= 1000 ? size : throw CommandException.Usage("--page-size must be 1-1000"),
                PageToken = parse.GetValue(pageToken)!,
            };
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.ListVotesAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { votes = r.Votes.Select(v => new { voter = Display.Address(v.Voter), option = OptionName(v.Option), weight = v.Weight, height = v.Height }).ToList(), total = r.Total, next_page_token = r.NextPageToken, height = r.Height },
                () => [
                    Printer.Row("voter", "option", "weight", "height"),
                    .. r.Votes.Select(v => Printer.Row(Display.Address(v.Voter), OptionName(v.Option), Num(v.Weight), Num(v.Height))),
                    .. r.NextPageToken.Length == 0 ? [] : new[] { $"more: --page-token {r.NextPageToken}" },
                ]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Members(GlobalOptions options)
    {
        var height = Height();
        var command = new Command("members", "Show the council: members and their weights") { height };
        command.SetAction(async (parse, ct) =>
        {
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetMembersAsync(new GetMembersRequest { Height = parse.GetValue(height) }, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { members = r.Members.Select(m => new { address = Display.Address(m.Address), weight = m.Weight }).ToList(), total_weight = r.TotalWeight, height = r.Height },
                () => [
                    Printer.Row("member", "weight", "share"),
                    .. r.Members.Select(m => Printer.Row(Display.Address(m.Address), Num(m.Weight), Percent(m.Weight, r.TotalWeight))),
                    $"total weight {Num(r.TotalWeight)} at height {Num(r.Height)}",
                ]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Params(GlobalOptions options)
    {
        var height = Height();
        var command = new Command("params", "Show the DAF's parameters and whether it governs the chain") { height };
        command.SetAction(async (parse, ct) =>
        {
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetDafParamsAsync(new GetDafParamsRequest { Height = parse.GetValue(height) }, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { @params = Json(r.Params), daf_address = r.DafAddress, authority = r.Authority, governs = r.Governs, height = r.Height },
                () => Printer.Fields([
                    ("governs", r.Governs ? $"yes: the DAF ({r.DafAddress}) is the authority; change things with seratio daf propose" : $"no: the authority is {(r.Authority.Length == 0 ? "(none)" : r.Authority)}"),
                    .. DafParams.Descriptor.Fields.InFieldNumberOrder().Select(f => (f.Name, Convert.ToString(f.Accessor.GetValue(r.Params), System.Globalization.CultureInfo.InvariantCulture) ?? "")),
                    ("height", Num(r.Height)),
                ]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Treasury(GlobalOptions options)
    {
        var height = Height();
        var command = new Command("treasury", "Show the treasury (the DAF's account), deposits held and what is staked on grants") { height };
        command.SetAction(async (parse, ct) =>
        {
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetTreasuryAsync(new GetTreasuryRequest { Height = parse.GetValue(height) }, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { address = r.Address, balance = r.Balance, deposits_held = r.DepositsHeld, total_staked = r.TotalStaked, staking_asset = r.StakingAsset, height = r.Height },
                () => Printer.Fields(
                    ("treasury", r.Address), ("balance", Display.Ser(r.Balance)), ("deposits held", Display.Ser(r.DepositsHeld)),
                    ("staked on grants", $"{r.TotalStaked} {r.StakingAsset}"), ("height", Num(r.Height))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static readonly Google.Protobuf.JsonFormatter ProtoJson = new(Google.Protobuf.JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatDefaultValues(true));

    /// <summary>A stored value as JSON with its proto field names (snake_case, as <c>--set</c> takes them); bytes are base64.</summary>
    internal static System.Text.Json.JsonElement Json(Google.Protobuf.IMessage message)
    {
        using var document = System.Text.Json.JsonDocument.Parse(ProtoJson.Format(message));
        return document.RootElement.Clone();
    }
}
