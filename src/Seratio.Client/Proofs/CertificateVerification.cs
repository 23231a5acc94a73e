using Seratio.Consensus.Validators;
using Seratio.Protocol;

namespace Seratio.Client.Proofs;

/// <summary>
/// The outcome of checking a certificate document against a committed header: valid or not with the first reason,
/// the header's height, state root and hash, and each commit signature. Immutable.
/// </summary>
public sealed record CertificateVerdict
{
    public required bool Valid { get; init; }
    /// <summary>Empty when valid; otherwise the first thing that does not hold, in words.</summary>
    public required string Reason { get; init; }
    public required ulong Height { get; init; }
    /// <summary>The certified header's state root (hex); empty when no header could be believed.</summary>
    public string StateRoot { get; init; } = "";
    /// <summary>The block hash the commit certifies (hex); empty when the evidence does not decode.</summary>
    public string BlockHash { get; init; } = "";
    public IReadOnlyList<CommitSignature> Signatures { get; init; } = [];
    /// <summary>The power of the set's validators whose signatures verify.</summary>
    public ulong SignedPower { get; init; }
    public ulong TotalPower { get; init; }
    /// <summary>The certificate the proof shows, when the proof checks.</summary>
    public CertificateState? Proven { get; init; }
}

/// <summary>
/// Checks a certificate document the way `seratio cert verify --trust` does, against a validator set the caller trusts:
/// the block evidence's commit must be signed by more than 2/3 of that set's power for that header
/// (<see cref="CommitCheck"/>), and the state proof must lead from the header's state root to exactly the certificate
/// and status shown (<see cref="CertificateProofCheck"/>). A shown value that differs from the proven one is named
/// field by field. Pure; thread safe.
/// </summary>
public static class CertificateVerification
{
    public static CertificateVerdict Check(CertificateDocument doc, BlockEvidence evidence, ValidatorSet set, string? chainId, string source)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(set);
        IReadOnlyList<CommitSignature> signatures = [];
        string blockHash = "";
        try
        {
            var header = evidence.DecodeHeader();
            var commit = evidence.DecodeCommit();
            blockHash = Convert.ToHexStringLower(commit.BlockHash.Span);
            signatures = CommitSignatures.Check(commit, set, header.ChainId);
        }
        catch (FormatException) { /* CommitCheck names the field below */ }
        ulong signed = 0;
        foreach (var s in signatures) if (s.InSet && s.Valid) signed += s.Power;
        var verdict = new CertificateVerdict
        {
            Valid = false, Reason = "", Height = doc.Height, BlockHash = blockHash, Signatures = signatures, SignedPower = signed, TotalPower = set.TotalPower,
        };

        if (!CommitCheck.Check(evidence, doc.Height, TrustedValidators.Of(set, chainId, source), out var certified, out var reason))
            return verdict with { Reason = reason };
        verdict = verdict with { StateRoot = Convert.ToHexStringLower(certified!.StateRoot.Span) };
        if (!CertificateProofCheck.Check(doc, certified, doc.Certificate.Id, out var proven, out reason))
        {
            if (proven is not null && CertificateJson.From(proven).Differences(doc.Certificate) is { Count: > 0 } differences)
                reason = $"{reason}: {string.Join("; ", differences)}";
            return verdict with { Reason = reason };
        }
        return verdict with { Valid = true, Proven = proven };
    }
}
