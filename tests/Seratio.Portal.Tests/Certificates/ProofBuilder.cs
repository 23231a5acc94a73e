using Seratio.Client.Proofs;
using Seratio.Core.Crypto;
using Seratio.Tests.SharedClient;

namespace Seratio.Portal.Tests.Certificates;

/// <summary>The shared certificate proof data (<see cref="CertificateProofBuilder"/>) on a chain of the portal's tests. One per test.</summary>
internal sealed class ProofBuilder() : CertificateProofBuilder(ChainId, "portal-validator")
{
    public const string ChainId = "portal-proof-test";

    /// <summary>Certificate 2's document carrying the header and a commit by <paramref name="signers"/> (default 1, 2, 3: power 9 of 10).</summary>
    public CertificateDocument Document(int[]? signers = null, SigningKey[]? others = null) => WithBlock(signers, others);
}
