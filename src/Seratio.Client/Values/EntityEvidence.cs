using System.Collections.Immutable;
using System.Numerics;

namespace Seratio.Client.Values;

/// <summary>A certificate's status as the chain reports it at the snapshot's height (revoked wins over superseded, superseded over expired).</summary>
public enum CertificateStanding
{
    Active,
    Expired,
    Revoked,
    Superseded,
    /// <summary>A status this client does not know (a newer node): it adds nothing.</summary>
    Unknown,
}

/// <summary>What the navigator knows of one certificate: its id, status, S/E ratio (18-decimal fixed point) and labels as stored.</summary>
public sealed record CertificateEvidence(ulong Id, CertificateStanding Standing, BigInteger Ratio, ImmutableArray<string> Labels);

/// <summary>
/// The chain's evidence about one entity, as gathered at one height: its certificates (at most the reader's bound,
/// <see cref="CertificatesCut"/> when there were more), how many provenance records were read and how deep their
/// inputs chain (<see cref="ProvenanceDepth"/>). Immutable.
/// </summary>
public sealed record EntityEvidence(
    ulong Id,
    string Name,
    string Kind,
    ImmutableArray<CertificateEvidence> Certificates,
    int ProvenanceRecords,
    int ProvenanceDepth,
    bool CertificatesCut = false,
    bool ProvenanceCut = false);
