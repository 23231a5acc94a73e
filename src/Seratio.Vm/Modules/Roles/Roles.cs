using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Roles;

/// <summary>
/// Reads the roles an account holds (proto <see cref="RoleSet"/> under <see cref="RoleKeys.Roles"/>,
/// absent = none). The read helpers other modules call: <see cref="Has(IStateView, Address, Role)"/>
/// for "does the sender hold this role" and <see cref="IsIssuerFor(IStateView, Address, string)"/> for
/// the certificate rule "an issuer, and allowed for this method". A stored value that does not decode
/// is a broken state invariant and throws. Stateless; thread safe.
/// </summary>
public static class Roles
{
    /// <summary>The roles of <paramref name="account"/> (an empty set when it holds none).</summary>
    public static RoleSet Read(IStateView state, Address account)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Decode(state.Get(RoleKeys.Roles(account)));
    }

    /// <inheritdoc cref="Read(IStateView, Address)"/>
    public static RoleSet Read(IStateReader state, Address account)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Decode(state.Get(RoleKeys.Roles(account)));
    }

    /// <summary>Whether <paramref name="account"/> holds <paramref name="role"/> (for the issuer role: for any method or some).</summary>
    public static bool Has(IStateView state, Address account, Role role) => Holds(Read(state, account), role, null);

    /// <inheritdoc cref="Has(IStateView, Address, Role)"/>
    public static bool Has(IStateReader state, Address account, Role role) => Holds(Read(state, account), role, null);

    /// <summary>Whether <paramref name="account"/> is an issuer allowed to issue under <paramref name="method"/>.</summary>
    public static bool IsIssuerFor(IStateView state, Address account, string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return Holds(Read(state, account), Role.Issuer, method);
    }

    /// <inheritdoc cref="IsIssuerFor(IStateView, Address, string)"/>
    public static bool IsIssuerFor(IStateReader state, Address account, string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return Holds(Read(state, account), Role.Issuer, method);
    }

    /// <summary>
    /// Whether <paramref name="set"/> grants <paramref name="role"/>; with a <paramref name="method"/>,
    /// the issuer role must be unrestricted or list that method.
    /// </summary>
    public static bool Holds(RoleSet set, Role role, string? method)
    {
        ArgumentNullException.ThrowIfNull(set);
        return role switch
        {
            Role.Issuer => set.Issuer && (method is null || set.IssuerMethods.Count == 0 || set.IssuerMethods.Contains(method)),
            Role.RewardingBody => set.RewardingBody,
            _ => false,
        };
    }

    /// <summary>The state value of <paramref name="set"/>: null (delete) when it holds no role.</summary>
    public static byte[]? Encode(RoleSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Issuer || set.RewardingBody ? set.ToByteArray() : null;
    }

    public static RoleSet Decode(byte[]? bytes)
    {
        if (bytes is null) return new RoleSet();
        try
        {
            return RoleSet.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds a role value that is not a seratio.v1.RoleSet", ex);
        }
    }

    /// <summary>The name of a role in logs, events and the CLI: "issuer", "rewarding-body".</summary>
    public static string NameOf(Role role) => role switch
    {
        Role.Issuer => "issuer",
        Role.RewardingBody => "rewarding-body",
        _ => $"role {(int)role}",
    };

    /// <summary>Parses "issuer" or "rewarding-body" (as <see cref="NameOf"/> writes them).</summary>
    public static bool TryParse(string? text, out Role role)
    {
        role = text switch
        {
            "issuer" => Role.Issuer,
            "rewarding-body" => Role.RewardingBody,
            _ => Role.Unspecified,
        };
        return role != Role.Unspecified;
    }

    /// <summary>The names of the roles in <paramref name="set"/>, in enum order.</summary>
    public static IReadOnlyList<string> Names(RoleSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var names = new List<string>(2);
        if (set.Issuer) names.Add(NameOf(Role.Issuer));
        if (set.RewardingBody) names.Add(NameOf(Role.RewardingBody));
        return names;
    }
}
