using Seratio.Client.Proofs;
using Seratio.Tests.SharedClient;

namespace Seratio.Cli.Tests.Verification;

/// <summary>The shared certificate proof data (<see cref="CertificateProofBuilder"/>) on a chain of the verify flow's tests. One per test.</summary>
internal sealed class VerificationBuilder() : CertificateProofBuilder(ChainId, "verify-validator")
{
    public const string ChainId = "verify-test";

    /// <summary>Certificate 2's document with its proof and no block evidence.</summary>
    public CertificateDocument Document => Plain;

    public TrustedValidators Trusted(string? chainId = ChainId) => TrustedValidators.Of(Set, chainId, "test set");
}
