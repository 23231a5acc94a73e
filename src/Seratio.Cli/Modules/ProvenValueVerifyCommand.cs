using System.CommandLine;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Cli.Verification;
using Seratio.Protocol;
using Seratio.Vm.Modules.Microshares;
using Seratio.Vm.Modules.Provenance;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio microshare verify LOT</c> and <c>seratio provenance verify ID</c>: fetch the lot or record with its state
/// proof from the node and check it like <c>cert verify</c> — against the node's header (default), trusted validators'
/// commit (--trust) or an anchor contract (--on eth|etc, at the latest anchored height at or below --height). The value
/// printed is the proven one. Exit 0 valid, 1 invalid or not checkable, 2 usage.
/// </summary>
internal static class ProvenValueVerifyCommand
{
    public static Command Lot(GlobalOptions options) => Create(options, "lot", "Lot id",
        "Check a microshare lot's state proof (its association flags) against a block header, trusted validators' commit, or an anchor contract",
        async (node, id, at, ct) =>
        {
            var r = await node.CallAsync((c, o) => c.GetLotAsync(new GetLotRequest { Id = id, Height = at, Prove = true }, o), NodeConnection.QuickCall, ct);
            return new ProvenValueClaim<MicroshareLotState>($"lot {id}", MicroshareKeys.Lot(id), r.Lot, MicroshareLotState.Parser, r.Height, r.StateRoot, r.Proof);
        },
        claim => ((ProvenValueClaim<MicroshareLotState>)claim).Shown);

    public static Command Record(GlobalOptions options) => Create(options, "record", "Record id",
        "Check a provenance record's state proof against a block header, trusted validators' commit, or an anchor contract",
        async (node, id, at, ct) =>
        {
            var r = await node.CallAsync((c, o) => c.GetProvenanceRecordAsync(new GetProvenanceRecordRequest { Id = id, Height = at, Prove = true }, o), NodeConnection.QuickCall, ct);
            return new ProvenValueClaim<ProvenanceRecord>($"record {id}", ProvenanceKeys.Record(id), r.Record, ProvenanceRecord.Parser, r.Height, r.StateRoot, r.Proof);
        },
        claim => ((ProvenValueClaim<ProvenanceRecord>)claim).Shown);

    private static Command Create(GlobalOptions options, string noun, string idDescription, string description,
        Func<NodeConnection, ulong, ulong, CancellationToken, Task<IStateClaim>> fetch, Func<IStateClaim, IMessage> shown)
    {
        var id = new Argument<ulong>(noun) { Description = idDescription };
        var height = new Option<ulong>("--height") { Description = "The height to check at (default: latest; with --on: the latest anchored height at or below it)" };
        var verify = new VerifyOptions();
        var command = new Command("verify", description + "; exit 1 when it fails") { id, height };
        verify.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            ulong which = parse.GetValue(id);
            if (which == 0) throw CommandException.Usage($"{noun} ids start at 1");
            var verdict = await ClaimVerifier.VerifyAsync(parse, verify, parse.GetValue(options.Node)!, parse.GetValue(height), null,
                (node, at, ct2) => fetch(node, which, at, ct2), ct);
            var value = shown(verdict.Claim);
            options.Printer(parse).Result(
                new { verdict = verdict.Json(), valid = verdict.Valid, reason = verdict.Reason, height = verdict.Height, state_root = verdict.StateRoot, value = System.Text.Json.JsonDocument.Parse(JsonFormatter.Default.Format(value)).RootElement },
                () => [$"{verdict.Claim.What} at height {verdict.Height}: {JsonFormatter.Default.Format(value)}", verdict.Line()]);
            return verdict.Valid ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
