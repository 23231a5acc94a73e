using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Cli.Modules;

/// <summary><c>seratio microshare class-show|holdings|lot|lineage|totals</c>: read-only microshare queries.</summary>
internal static class MicroshareQueryCommands
{
    public static void AddTo(Command micro, GlobalOptions options)
    {
        micro.Subcommands.Add(ClassShow(options));
        micro.Subcommands.Add(Holdings(options));
        micro.Subcommands.Add(Lot(options));
        micro.Subcommands.Add(Lineage(options));
        micro.Subcommands.Add(Totals(options));
    }

    private static Option<ulong> HeightOption() => new("--height") { Description = "A retained height (default: latest)" };

    private static Option<bool> ProveOption() => new("--prove") { Description = "Ask for a state proof" };

    private static Command ClassShow(GlobalOptions options)
    {
        var key = new Argument<string>("class") { Description = "Class id or symbol" };
        var height = HeightOption();
        var prove = ProveOption();
        var command = new Command("class-show", "Show a microshare class and its reserves") { key, height, prove };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(key)!;
            var request = new GetMicroshareClassRequest { Height = parse.GetValue(height), Prove = parse.GetValue(prove) };
            if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) request.Id = MicroshareCommands.RequireId(id, "class");
            else request.Symbol = CliValues.Symbol(text);
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetMicroshareClassAsync(request, o), NodeConnection.QuickCall, ct);
            var k = r.Class;
            options.Printer(parse).Result(
                new
                {
                    id = k.Id, symbol = k.Symbol, name = k.Name, certificates = k.CertificateIds.ToList(), rule = Rule(k.Rule), redeemable = k.Redeemable,
                    creator = Display.Address(k.Creator), reserve_address = Display.Address(k.ReserveAddress), units_minted = k.UnitsMinted, units_burned = k.UnitsBurned,
                    lots = k.LotCount, reserves = r.Reserves.Select(x => new { asset = x.Asset, committed = x.Committed, released = x.Released, units_minted = x.UnitsMinted, units_burned = x.UnitsBurned }).ToList(),
                    height = r.Height, state_root = Display.Hex(r.StateRoot), proof = r.Proof is null ? null : ProofJson.Of(r.Proof),
                },
                () => Printer.Fields(
                [
                    ("class", $"{k.Id} {k.Symbol} ({k.Name})"),
                    ("certificates", string.Join(", ", k.CertificateIds)),
                    ("rule", Rule(k.Rule) + (k.Redeemable ? ", redeemable" : ", not redeemable")),
                    ("units", $"{k.UnitsMinted} minted, {k.UnitsBurned} burned or redeemed, {k.LotCount} lots"),
                    ("reserve", Display.Address(k.ReserveAddress)),
                    .. r.Reserves.Select(x => ("  " + x.Asset, $"committed {x.Committed}, released {x.Released}")),
                    ("height", Num(r.Height)),
                ]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Holdings(GlobalOptions options)
    {
        var address = new Argument<string>("address") { Description = "Holder address (ser1...)" };
        var cls = new Option<ulong>("--class") { Description = "Class id", Required = true };
        var height = HeightOption();
        var prove = ProveOption();
        var pageSize = new Option<uint>("--page-size") { Description = "Lots per page, 1-100", DefaultValueFactory = _ => 50 };
        var pageToken = new Option<string>("--page-token") { Description = "next_page_token of the previous page", DefaultValueFactory = _ => "" };
        var command = new Command("holdings", "Show an address's lots of a class with units, association flags and status") { address, cls, height, prove, pageSize, pageToken };
        command.SetAction(async (parse, ct) =>
        {
            var request = new GetMicroshareHoldingsRequest
            {
                Address = CliValues.Address(parse.GetValue(address)!, "address").ToString(),
                ClassId = MicroshareCommands.RequireId(parse.GetValue(cls), "class"),
                Height = parse.GetValue(height), Prove = parse.GetValue(prove),
                PageSize = parse.GetValue(pageSize), PageToken = parse.GetValue(pageToken)!,
            };
            if (request.PageSize is 0 or > 100) throw CommandException.Usage("--page-size must be 1-100");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetMicroshareHoldingsAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new
                {
                    address = r.Address, class_id = r.ClassId, total_units = r.TotalUnits, height = r.Height, next_page_token = r.NextPageToken,
                    lots = r.Lots.Select(l => new { lot = l.LotId, units = l.Units, flags = FlagsJson(l.Flags), frozen = l.Status.Frozen, reason = l.Status.Reason }).ToList(),
                    state_root = Display.Hex(r.StateRoot), proof = r.Proof is null ? null : ProofJson.Of(r.Proof),
                },
                () => r.Lots
                    .Select(l => Printer.Row($"lot {l.LotId}", $"{l.Units} units", $"{l.Flags.OriginAmount} {l.Flags.OriginAsset}", $"certificate {l.Flags.CertificateId}", l.Status.Frozen ? "FROZEN: " + l.Status.Reason : "movable"))
                    .Append($"total {r.TotalUnits} units at height {Num(r.Height)}" + (r.NextPageToken.Length == 0 ? "" : $" (more: --page-token {r.NextPageToken})")));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Lot(GlobalOptions options)
    {
        var id = new Argument<ulong>("lot") { Description = "Lot id" };
        var height = HeightOption();
        var prove = ProveOption();
        var command = new Command("lot", "Show a lot: its association flags, counters and whether it is frozen") { id, height, prove };
        command.SetAction(async (parse, ct) =>
        {
            var request = new GetLotRequest { Id = MicroshareCommands.RequireId(parse.GetValue(id), "lot"), Height = parse.GetValue(height), Prove = parse.GetValue(prove) };
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetLotAsync(request, o), NodeConnection.QuickCall, ct);
            var l = r.Lot;
            options.Printer(parse).Result(
                new
                {
                    id = l.Id, class_id = l.ClassId, flags = FlagsJson(l.Flags), units_minted = l.UnitsMinted, units_burned = l.UnitsBurned,
                    units_redeemed = l.UnitsRedeemed, released = l.Released, frozen = r.Status.Frozen, reason = r.Status.Reason,
                    certificate_status = Certificates.StatusName(r.Status.CertificateStatus),
                    height = r.Height, state_root = Display.Hex(r.StateRoot), proof = r.Proof is null ? null : ProofJson.Of(r.Proof),
                },
                () => Printer.Fields(
                [
                    ("lot", $"{l.Id} of class {l.ClassId}"),
                    .. FlagFields(l.Flags),
                    ("units", $"{l.UnitsMinted} minted, {l.UnitsBurned} burned, {l.UnitsRedeemed} redeemed (released {l.Released})"),
                    ("status", r.Status.Frozen ? "FROZEN: " + r.Status.Reason : $"movable (certificate {Certificates.StatusName(r.Status.CertificateStatus)})"),
                    ("height", Num(r.Height)),
                ]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Lineage(GlobalOptions options)
    {
        var id = new Argument<ulong>("lot") { Description = "Lot id" };
        var height = HeightOption();
        var command = new Command("lineage", "Trace a lot back to its mint transaction, its certificate and provenance records") { id, height };
        command.SetAction(async (parse, ct) =>
        {
            var request = new GetLotLineageRequest { LotId = MicroshareCommands.RequireId(parse.GetValue(id), "lot"), Height = parse.GetValue(height) };
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetLotLineageAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new
                {
                    lot = r.Lot.Id, class_id = r.Class.Id, class_symbol = r.Class.Symbol, mint_tx = Display.Hex(r.MintTxHash), mint_height = r.MintHeight,
                    mint_block = Display.Hex(r.MintBlockHash), certificate = CertificateJson.From(r.Certificate),
                    certificate_status = Certificates.StatusName(r.CertificateStatus), frozen = r.Status.Frozen, reason = r.Status.Reason,
                    provenance_records = r.ProvenanceRecordIds.ToList(), provenance_record_count = r.ProvenanceRecordCount, height = r.Height,
                },
                () => Printer.Fields(
                    ("lot", $"{r.Lot.Id} of class {r.Class.Id} {r.Class.Symbol}"),
                    ("minted", $"tx {Display.Hex(r.MintTxHash)} at height {Num(r.MintHeight)} by {Display.Address(r.Lot.Flags.Minter)}"),
                    ("backing", $"{r.Lot.Flags.OriginAmount} {r.Lot.Flags.OriginAsset}"),
                    ("certificate", $"{r.Certificate.Id} ({Certificates.StatusName(r.CertificateStatus)}) entity {r.Certificate.Subject}, {r.Certificate.MethodId} v{r.Certificate.MethodVersion}, ratio {SeRatio.Format(r.Certificate.Ratio)}"),
                    ("status", r.Status.Frozen ? "FROZEN: " + r.Status.Reason : "movable"),
                    ("provenance", r.ProvenanceRecordIds.Count == 0 ? "(no records link this lot)"
                        : string.Join(", ", r.ProvenanceRecordIds)
                          + ((ulong)r.ProvenanceRecordIds.Count < r.ProvenanceRecordCount
                              ? $" (first {r.ProvenanceRecordIds.Count} of {Num(r.ProvenanceRecordCount)}; seratio provenance list --lot {r.Lot.Id})" : ""))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Totals(GlobalOptions options)
    {
        var cls = MicroshareCommands.ClassArgument();
        var holder = new Option<string>("--holder") { Description = "Only this holder's units (default: the whole class)", DefaultValueFactory = _ => "" };
        var height = HeightOption();
        var command = new Command("totals", "Units outstanding by origin asset, of a class or a holder") { cls, holder, height };
        command.SetAction(async (parse, ct) =>
        {
            var request = new GetMicroshareTotalsRequest { ClassId = MicroshareCommands.RequireId(parse.GetValue(cls), "class"), Height = parse.GetValue(height) };
            var who = parse.GetValue(holder)!;
            if (who.Length > 0) request.Holder = CliValues.Address(who, "--holder").ToString();
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetMicroshareTotalsAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { class_id = r.ClassId, holder = r.Holder, height = r.Height, totals = r.Totals.Select(t => new { origin_asset = t.OriginAsset, units = t.Units, frozen_units = t.FrozenUnits, backing = t.Backing }).ToList() },
                () => r.Totals
                    .Select(t => Printer.Row(t.OriginAsset, $"{t.Units} units", r.Holder.Length > 0 ? $"{t.FrozenUnits} frozen" : $"backing {t.Backing}"))
                    .Append($"class {r.ClassId}{(r.Holder.Length > 0 ? " held by " + r.Holder : "")} at height {Num(r.Height)}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Rule(MintRule rule) => rule.Kind == MintRuleKind.SeRatio
        ? $"se-ratio × {rule.Numerator}/{rule.Denominator}"
        : $"fixed {rule.Numerator}/{rule.Denominator}";

    private static object FlagsJson(LotFlags f) => new
    {
        origin_asset = f.OriginAsset, origin_amount = f.OriginAmount, origin_tx = Display.Hex(f.OriginTxHash), certificate = f.CertificateId,
        minter = Display.Address(f.Minter), mint_height = f.MintHeight,
    };

    private static (string, string)[] FlagFields(LotFlags f) =>
    [
        ("origin", $"{f.OriginAmount} {f.OriginAsset} in tx {Display.Hex(f.OriginTxHash)}"),
        ("certificate", Num(f.CertificateId)),
        ("minter", $"{Display.Address(f.Minter)} at height {Num(f.MintHeight)}"),
    ];

    private static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
