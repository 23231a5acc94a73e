using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;
using static Seratio.Cli.Modules.DafValues;
using static Seratio.Client.Governance.GovernanceWords;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio grant request|stake|unstake|withdraw|show|list</c>: conviction grants from the DAF's treasury
/// (docs/modules/grants.md, docs/cli.md). Transactions through <see cref="MsgSender"/>; every value is parsed before a
/// key is opened (usage errors exit 2), a refused or failed transaction prints its code and message and exits 1.
/// </summary>
internal static class GrantCommands
{
    /// <summary>Characters of the conviction bar in <c>grant show</c>.</summary>
    public const int BarWidth = 30;

    public static Command Create(GlobalOptions options)
    {
        var grant = new Command("grant", "Ask the treasury for a grant and back requests with conviction (stake that grows in weight the longer it stays)");
        grant.Subcommands.Add(Request(options));
        grant.Subcommands.Add(Stake(options, unstake: false));
        grant.Subcommands.Add(Stake(options, unstake: true));
        grant.Subcommands.Add(Withdraw(options));
        grant.Subcommands.Add(Show(options));
        grant.Subcommands.Add(List(options));
        return grant;
    }

    private static Argument<ulong> GrantArgument(bool abstainAllowed) =>
        new("grant") { Description = abstainAllowed ? "Grant id (1, 2, ...; 0 = the abstain bucket, which counts in the total staked but backs no grant)" : "Grant id (1, 2, ...)" };

    private static Command Request(GlobalOptions options)
    {
        var title = new Option<string>("--title") { Description = "What the grant pays for, 1-140 UTF-8 bytes", Required = true };
        var beneficiary = new Option<string>("--beneficiary") { Description = "Who is paid when it passes (ser1...)", Required = true };
        var amount = new Option<string>("--amount") { Description = "SER base units, below grant_max_ratio_bps of the treasury", Required = true };
        var uri = new Option<string>("--uri") { Description = "Where the request's full text lives", DefaultValueFactory = _ => "" };
        var hash = new Option<string>("--hash") { Description = "SHA-256 of the document at --uri, 64 hex digits", DefaultValueFactory = _ => "" };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("request", "Request a grant from the treasury; it pays at once when its conviction reaches the threshold") { title, beneficiary, amount, uri, hash });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgRequestGrant
            {
                Title = parse.GetValue(title)!,
                Beneficiary = CliValues.Address(parse.GetValue(beneficiary)!, "--beneficiary").ToByteString(),
                Amount = CliValues.BaseUnits(parse.GetValue(amount)!, "--amount"),
                MetadataUri = parse.GetValue(uri)!,
                MetadataHash = CliValues.Hex(parse.GetValue(hash)!, "--hash", 32),
            };
            if (msg.Title.Length == 0) throw CommandException.Usage("--title is empty; say what the grant pays for");
            return sender.SendAsync(parse, _ => new Msg { RequestGrant = msg }, ct);
        });
        return command;
    }

    private static Command Stake(GlobalOptions options, bool unstake)
    {
        var id = GrantArgument(abstainAllowed: true);
        var amount = new Argument<string>("amount") { Description = "Base units of the staking asset (SER unless the DAF's parameters name another)" };
        var sender = new MsgSender(options);
        var command = sender.AddTo(unstake
            ? new Command("unstake", "Take stake back (on any grant, open or closed); its conviction decays") { id, amount }
            : new Command("stake", "Stake on an open grant (or 0: abstain); its conviction grows towards the stake") { id, amount });
        command.SetAction((parse, ct) =>
        {
            ulong grant = parse.GetValue(id);
            string units = CliValues.BaseUnits(parse.GetValue(amount)!, "amount");
            return sender.SendAsync(parse, _ => unstake
                ? new Msg { UnstakeGrant = new MsgUnstakeGrant { GrantId = grant, Amount = units } }
                : new Msg { StakeGrant = new MsgStakeGrant { GrantId = grant, Amount = units } }, ct);
        });
        return command;
    }

    private static Command Withdraw(GlobalOptions options)
    {
        var id = GrantArgument(abstainAllowed: false);
        var sender = new MsgSender(options, signer: "the requester");
        var command = sender.AddTo(new Command("withdraw", "Close your open request (stakes stay until their owners unstake)") { id });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgWithdrawGrant { GrantId = MicroshareCommands.RequireId(parse.GetValue(id), "grant") };
            return sender.SendAsync(parse, _ => new Msg { WithdrawGrant = msg }, ct);
        });
        return command;
    }

    private static Command Show(GlobalOptions options)
    {
        var id = GrantArgument(abstainAllowed: false);
        var height = DafQueryCommands.Height();
        var prove = new Option<bool>("--prove") { Description = "Ask for a state proof of the grant" };
        var waitFor = new Option<string?>("--wait-for") { Description = "Wait until the grant is paid (or withdrawn, expired); exit 1 if it closes otherwise" };
        var timeout = new Option<uint>("--timeout") { Description = "With --wait-for: seconds to wait at most", DefaultValueFactory = _ => 180 };
        var command = new Command("show", "Show a grant: its conviction now against the threshold it needs, as a bar and a percentage") { id, height, prove, waitFor, timeout };
        command.SetAction(async (parse, ct) =>
        {
            var request = new GetGrantRequest { Id = MicroshareCommands.RequireId(parse.GetValue(id), "grant"), Height = parse.GetValue(height), Prove = parse.GetValue(prove) };
            GrantStatus? target = parse.GetValue(waitFor) is { } w ? GrantStatusOf(w) : null;
            if (target is GrantStatus.Open) throw CommandException.Usage("--wait-for open: a grant is open from its request; wait for paid, withdrawn or expired");
            if (target is not null && request.Height != 0) throw CommandException.Usage("--wait-for follows the latest height; leave out --height");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetGrantAsync(request, o), NodeConnection.QuickCall, ct);
            var deadline = DateTime.UtcNow.AddSeconds(parse.GetValue(timeout));
            while (target is not null && r.Grant.Status == GrantStatus.Open)
            {
                if (DateTime.UtcNow >= deadline)
                    throw CommandException.Failed($"grant {Num(request.Id)} is still open at height {Num(r.Height)} after {parse.GetValue(timeout)} s ({ConvictionLine(r.ConvictionNow, r.ThresholdNow, r.Grant)})");
                await Task.Delay(DafQueryCommands.PollInterval, ct);
                r = await node.CallAsync((c, o) => c.GetGrantAsync(request, o), NodeConnection.QuickCall, ct);
            }
            var g = r.Grant;
            options.Printer(parse).Result(
                new { grant = DafQueryCommands.Json(g), conviction_now = r.ConvictionNow, threshold_now = r.ThresholdNow, height = r.Height, state_root = Display.Hex(r.StateRoot), proof = r.Proof is null ? null : ProofJson.Of(r.Proof) },
                () => Printer.Fields(
                    ("grant", $"{Num(g.Id)} {g.Title}"),
                    ("status", GrantStatusName(g.Status) + (g.Status == GrantStatus.Open ? $", expires after height {Num(g.ExpireHeight)}" : g.ClosedHeight != 0 ? $" at height {Num(g.ClosedHeight)}" : "")),
                    ("amount", Display.Ser(g.Amount)),
                    ("beneficiary", Display.Address(g.Beneficiary)),
                    ("requester", Display.Address(g.Requester)),
                    ("staked", $"{g.Staked} by {Num(g.Stakers)} staker(s)"),
                    ("conviction", ConvictionLine(r.ConvictionNow, r.ThresholdNow, g)),
                    ("height", Num(r.Height))));
            if (target is { } t && r.Grant.Status != t) throw CommandException.Failed($"grant {Num(request.Id)} closed {GrantStatusName(r.Grant.Status)}, not {GrantStatusName(t)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions options)
    {
        var status = new Option<string?>("--status") { Description = "Only open, paid, withdrawn or expired" };
        var height = DafQueryCommands.Height();
        var pageSize = new Option<uint>("--page-size") { Description = "Grants per page, 1-100", DefaultValueFactory = _ => 20 };
        var pageToken = DafQueryCommands.PageToken();
        var command = new Command("list", "List grants, newest first") { status, height, pageSize, pageToken };
        command.SetAction(async (parse, ct) =>
        {
            var request = new ListGrantsRequest
            {
                Status = parse.GetValue(status) is { } s ? GrantStatusOf(s) : GrantStatus.Unspecified,
                Height = parse.GetValue(height),
                PageSize = parse.GetValue(pageSize) is var size and >= 1 and <= 100 ? size : throw CommandException.Usage("--page-size must be 1-100"),
                PageToken = parse.GetValue(pageToken)!,
            };
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.ListGrantsAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { grants = r.Grants.Select(g => DafQueryCommands.Json(g)).ToList(), last_id = r.LastId, next_page_token = r.NextPageToken, height = r.Height },
                () => [
                    Printer.Row("id", "status", "title", "amount", "staked", "beneficiary"),
                    .. r.Grants.Select(g => Printer.Row(Num(g.Id), GrantStatusName(g.Status), g.Title, g.Amount, g.Staked, Display.Address(g.Beneficiary))),
                    .. r.NextPageToken.Length == 0 ? [] : new[] { $"more: --page-token {r.NextPageToken}" },
                ]);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>"[#########.....] 31.20 % of 1200 (375 now)", or why the grant cannot pass. Integer arithmetic on the decimal strings.</summary>
    internal static string ConvictionLine(string conviction, string threshold, GrantState grant)
    {
        if (grant.Status != GrantStatus.Open) return $"{conviction} (closed)";
        if (grant.Staked is "" or "0") return $"{conviction} now; nobody stakes on it yet (a grant passes only while someone does)";
        if (threshold.Length == 0) return $"{conviction} now; it cannot pass: the amount is at or above grant_max_ratio_bps of the treasury";
        var y = BigInteger.Parse(conviction, CultureInfo.InvariantCulture);
        var t = BigInteger.Parse(threshold, CultureInfo.InvariantCulture);
        var hundredths = t.IsZero ? 10_000 : BigInteger.Min(y * 10_000 / t, 999_999);
        int filled = (int)BigInteger.Min(BarWidth, y * BarWidth / BigInteger.Max(t, 1));
        string percent = string.Create(CultureInfo.InvariantCulture, $"{hundredths / 100}.{hundredths % 100:00} %");
        return $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {percent} of the threshold {threshold} ({conviction} now)";
    }

    private static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
