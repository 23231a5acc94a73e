using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Cli.Verification;
using Seratio.Client.Proofs;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.State;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio cert verify ID [--height H] [--file F] [--on eth|etc --rpc URL --contract ADDR | --trust FILE]</c>:
/// fetches the certificate with its state proof (or reads a document saved by <c>cert show --prove -o json</c>, e.g. one
/// a certificate holder presents) and checks that the proof leads from a state root to the certificate shown. The root
/// comes from the node's header of the height (default), from a header whose commit more than 2/3 of a trusted
/// validator set signed (--trust), or from the checkpoint an anchor contract holds (--on: the latest anchored height at
/// or below H, the contract's own verifyState asked too). The status is recomputed from the proven value and the
/// believed header's time. Exit 0 when the proof checks, 1 when it does not (or cannot be checked), 2 for usage errors.
/// </summary>
internal static class CertVerifyCommand
{
    public static Command Create(GlobalOptions options)
    {
        var id = new Argument<ulong>("id") { Description = "Certificate id" };
        var height = new Option<ulong>("--height") { Description = "The height to check at (default: latest; with --on: the latest anchored height at or below it)" };
        var file = new Option<string?>("--file") { Description = "Check this saved `cert show --prove -o json` document instead of asking the node for the proof" };
        var verify = new VerifyOptions();
        var command = new Command("verify", "Check a certificate's state proof against a block header, trusted validators' commit, or an anchor contract; exit 1 when it fails") { id, height, file };
        verify.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            ulong certificateId = CertCommands.RequireId(parse.GetValue(id));
            CertificateClaim? fromFile = null;
            if (parse.GetValue(file) is { } path)
            {
                if (!File.Exists(path)) throw CommandException.Usage($"document {path} does not exist");
                CertificateDocument saved;
                try { saved = CertificateDocument.Parse(await File.ReadAllTextAsync(path, ct)); }
                catch (Exception ex) when (ex is JsonException or FormatException)
                {
                    throw CommandException.Failed($"{path} is not a `cert show --prove -o json` document: {ex.Message}");
                }
                if (saved.Certificate.Id != certificateId)
                    throw CommandException.Usage($"{path} holds certificate {saved.Certificate.Id}, not {certificateId}");
                if (parse.GetValue(height) is not 0 and var h && h != saved.Height)
                    throw CommandException.Usage($"{path} is of height {saved.Height}, not {h}; leave --height out to check the document's height");
                fromFile = new CertificateClaim(saved, certificateId);
            }

            var verdict = await ClaimVerifier.VerifyAsync(parse, verify, parse.GetValue(options.Node)!, parse.GetValue(height), fromFile,
                async (node, at, token) =>
                {
                    var r = await node.CallAsync(
                        (c, o) => c.GetCertificateAsync(new GetCertificateRequest { Id = certificateId, Height = at, Prove = true }, o),
                        NodeConnection.QuickCall, token);
                    return new CertificateClaim(CertificateDocument.From(r), certificateId);
                }, ct);

            var doc = ((CertificateClaim)verdict.Claim).Document;
            CertificateState? proven = null;
            if (verdict.Header is { } believed) Check(doc, believed, certificateId, out proven, out _);
            var shown = proven is not null ? CertificateJson.From(proven) : doc.Certificate;
            var blockTime = verdict.Header?.TimeUnixMs ?? doc.BlockTimeUnixMs;
            var status = proven is null ? doc.Status : Certificates.StatusName(Certificates.StatusAt(proven, blockTime));
            options.Printer(parse).Result(
                new { verdict = verdict.Json(), valid = verdict.Valid, reason = verdict.Reason, height = verdict.Height, state_root = verdict.StateRoot, block_time_unix_ms = blockTime, status, certificate = shown },
                () => Printer.Fields(
                [
                    .. shown.Fields(),
                    ("status", $"{status} at height {verdict.Height.ToString(CultureInfo.InvariantCulture)} (block time {Display.Time(blockTime)})"),
                ]).Append(verdict.Line()));
            return verdict.Valid ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>Whether <paramref name="doc"/>'s proof leads from <paramref name="header"/>'s state root to the certificate it shows.</summary>
    internal static bool Check(CertificateDocument doc, BlockHeader header, ulong id, out CertificateState? proven, out string reason) =>
        CertificateProofCheck.Check(doc, header, id, out proven, out reason);
}
