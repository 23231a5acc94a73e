using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Organisations;

/// <summary>Typed reads of organisation (k-of-n) accounts (docs/modules/organisations.md). Stateless; thread safe.</summary>
public static class Multisig
{
    /// <summary>The organisation account at <paramref name="address"/>, or null when it is not one.</summary>
    public static MultisigAccountState? Get(IStateReader state, Address address)
    {
        ArgumentNullException.ThrowIfNull(state);
        return StateValues.Decode(state.Get(MultisigKeys.Account(address)), MultisigAccountState.Parser, "an organisation account");
    }

    /// <summary>The organisation account at <paramref name="address"/> as a handler or block execution sees it, or null.</summary>
    public static MultisigAccountState? Get(IStateView state, Address address)
    {
        ArgumentNullException.ThrowIfNull(state);
        return StateValues.Decode(state.Get(MultisigKeys.Account(address)), MultisigAccountState.Parser, "an organisation account");
    }

    /// <summary>Writes <paramref name="account"/> under its address.</summary>
    internal static void Put(IStateView state, MultisigAccountState account) =>
        state.Set(MultisigKeys.Account(new Address(account.Address.Span)), account.ToByteArray());

    /// <summary>The address MsgCreateMultisig gives: first 20 bytes of SHA-256("seratio/multisig" || tx hash || message index, 4 bytes big-endian).</summary>
    public static Address AddressFor(Hash32 txHash, uint msgIndex)
    {
        Span<byte> data = stackalloc byte[Hash32.Size + sizeof(uint)];
        txHash.CopyTo(data);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data[Hash32.Size..], msgIndex);
        return KeylessAddress.Of(Domains.Multisig, data);
    }
}
