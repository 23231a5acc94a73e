using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Client.Proofs;

/// <summary>
/// Whether a <see cref="CertificateDocument"/>'s state proof leads from a believed block header's state root to
/// exactly the certificate (and status) the document shows. Which header to believe is the caller's choice (the CLI's
/// node, trusted validators or anchor contract; the portal's commit check). Pure; thread safe.
/// </summary>
public static class CertificateProofCheck
{
    /// <summary>
    /// Checks <paramref name="doc"/> against <paramref name="header"/> for certificate <paramref name="id"/>; on success
    /// <paramref name="proven"/> is the proven certificate, otherwise <paramref name="reason"/> names the first mismatch.
    /// </summary>
    public static bool Check(CertificateDocument doc, BlockHeader header, ulong id, out CertificateState? proven, out string reason)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(header);
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
        if (proof.Key != key.ToByteString()) return Fail($"the proof is of key {Convert.ToHexStringLower(proof.Key.Span)}, not certificate {id}'s key {key}", out reason);
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
