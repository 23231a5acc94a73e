using Seratio.Core.Addressing;

namespace Seratio.Node.Api;

/// <summary>
/// Who this node is, for GetStatus: the validator address, or null on a non-validator. The host
/// registers a non-validator identity unless the chain registration supplies one. Immutable.
/// </summary>
public sealed record NodeIdentity(Address? ValidatorAddress)
{
    public static readonly NodeIdentity NonValidator = new((Address?)null);
}
