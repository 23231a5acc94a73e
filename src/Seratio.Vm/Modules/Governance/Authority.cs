using Seratio.Core.Addressing;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Governance;

/// <summary>
/// The authority account: the one sender of <see cref="Permission.Authority"/> messages (validator-set
/// changes, roles). It lives in state (written at genesis) rather than in the parameters so that a
/// governance module can take it over by writing another address there. Stateless; thread safe.
/// </summary>
public static class Authority
{
    /// <summary>The authority's address, or null when the chain has none.</summary>
    public static Address? Read(IStateView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var value = state.Get(GovernanceKeys.Authority());
        return value is null ? null : new Address(value);
    }

    /// <summary>Whether <paramref name="sender"/> is the authority.</summary>
    public static bool Is(IStateView state, Address sender) => Read(state) is { } authority && authority == sender;

    /// <summary>The state value stored for <paramref name="authority"/>.</summary>
    public static byte[] Encode(Address authority) => authority.ToArray();
}
