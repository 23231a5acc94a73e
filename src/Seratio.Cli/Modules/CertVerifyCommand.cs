using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.State;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio cert verify ID [--height H] [--file F]</c>: fetches the certificate with its state proof
/// (or reads a document saved by <c>cert show --prove -o json</c>, e.g. one a certificate holder
/// presents), fetches block H's header from the node, and checks that the proof leads from the
/// header's state root to the certificate shown. The status is recomputed from the proven value and
/// the header's time. Exit 0 when the proof checks, 1 when it does not, 2 for usage errors.
/// </summary>
internal static class CertVerifyCommand
{
    public static Command Create(GlobalOptions options)
    {
        var id = new Argument<ulong>("id") { Description = "Certificate id" };
        var height = new Option<ulong>("--height") { Description = "The height whose block header to check against (default: latest)" };
        var file = new Option<string?>("--file") { Description = "Check this saved `cert show --prove -o json` document instead of asking the node for the proof" };
        var command = new Command("verify", "Check a certificate's state proof against a block header's state root; exit 1 when it fails") { id, height, file };
        command.SetAction(async (parse, ct) =>
        {
            ulong certificateId = CertCommands.RequireId(parse.GetValue(id));
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            CertificateDocument doc;
            if (parse.GetValue(file) is { } path)
            {
                if (!File.Exists(path)) throw CommandException.Usage($"document {path} does not exist");
                try { doc = CertificateDocument.Parse(await File.ReadAllTextAsync(path, ct)); }
                catch (Exception ex) when (ex is JsonException or FormatException)
                {
                    throw CommandException.Failed($"{path} is not a `cert show --prove -o json` document: {ex.Message}");
                }
                if (doc.Certificate.Id != certificateId)
                    throw CommandException.Usage($"{path} holds certificate {doc.Certificate.Id}, not {certificateId}");
                if (parse.GetValue(height) is not 0 and var h && h != doc.Height)
                    throw CommandException.Usage($"{path} is of height {doc.Height}, not {h}; leave --height out to check the document's height");
            }
            else
            {
                var r = await node.CallAsync(
                    (c, o) => c.GetCertificateAsync(new GetCertificateRequest { Id = certificateId, Height = parse.GetValue(height), Prove = true }, o),
                    NodeConnection.QuickCall, ct);
                doc = CertificateDocument.From(r);
            }
            if (doc.Height == 0) throw CommandException.Failed("height 0 has no block header to check against");
            var header = (await node.CallAsync((c, o) => c.GetBlockAsync(new GetBlockRequest { Height = doc.Height }, o), NodeConnection.QuickCall, ct)).Block.Header;

            bool valid = Check(doc, header, certificateId, out var proven, out var reason);
            var shown = proven is null ? doc.Certificate : CertificateJson.From(proven);
            var status = proven is null ? doc.Status : Certificates.StatusName(Certificates.StatusAt(proven, header.TimeUnixMs));
            var root = Display.Hex(header.StateRoot);
            var verdict = valid
                ? $"valid against block {doc.Height} state root {root}"
                : $"INVALID against block {doc.Height} state root {root}: {reason}";
            options.Printer(parse).Result(
                new { valid, reason, height = doc.Height, state_root = root, block_time_unix_ms = header.TimeUnixMs, status, certificate = shown },
                () => Printer.Fields(
                [
                    .. shown.Fields(),
                    ("status", $"{status} at height {doc.Height.ToString(CultureInfo.InvariantCulture)} (block time {Display.Time(header.TimeUnixMs)})"),
                ]).Append($"proof: {verdict}"));
            return valid ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>Whether <paramref name="doc"/>'s proof leads from <paramref name="header"/>'s state root to the certificate it shows.</summary>
    internal static bool Check(CertificateDocument doc, BlockHeader header, ulong id, out CertificateState? proven, out string reason)
    {
        proven = null;
        if (doc.Proof is null) return Fail("the document carries no proof; save it with `cert show ID --prove -o json`", out reason);
        StateProof proof;
        try { proof = doc.Proof.ToProto(); }
        catch (FormatException ex) { return Fail(ex.Message, out reason); }
        if (header.StateRoot.Length != Hash32.Size) return Fail("the block header has no 32-byte state root", out reason);
        var root = new Hash32(header.StateRoot.Span);
        if (!string.Equals(doc.StateRoot, root.ToString(), StringComparison.OrdinalIgnoreCase))
            return Fail($"the claimed state root {doc.StateRoot} is not the header's", out reason);
        var key = CertificateKeys.Certificate(id);
        if (proof.Key != key.ToByteString()) return Fail($"the proof is of key {Display.Hex(proof.Key)}, not certificate {id}'s key {key}", out reason);
        if (!proof.Exists) return Fail($"the proof shows no certificate {id} in this state", out reason);
        try { proven = CertificateState.Parser.ParseFrom(proof.Value); }
        catch (InvalidProtocolBufferException) { return Fail("the proven value is not an encoded certificate", out reason); }
        if (proven.Id != id) return Fail($"the proven value is certificate {proven.Id}, not {id}", out reason);
        if (!StateProofVerifier.Verify(root, proof, out var why)) return Fail($"the proof does not lead to the state root: {why}", out reason);
        if (!CertificateJson.From(proven).SameAs(doc.Certificate)) return Fail("the certificate shown differs from the proven value", out reason);
        var status = Certificates.StatusName(Certificates.StatusAt(proven, header.TimeUnixMs));
        if (status != doc.Status) return Fail($"the claimed status {doc.Status} is not the status {status} at the block's time", out reason);
        reason = "";
        return true;
    }

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }
}
