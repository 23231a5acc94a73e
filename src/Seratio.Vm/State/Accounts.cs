using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;

namespace Seratio.Vm.State;

/// <summary>
/// Reads and encodes account values (proto <see cref="AccountState"/> under
/// <see cref="AccountKeys.Account"/>). An absent account is nonce 0, balance "0". A stored value
/// that does not decode is a broken invariant of the state and throws. Thread safe.
/// </summary>
public static class Accounts
{
    /// <summary>The account of <paramref name="address"/> as stored in <paramref name="state"/>.</summary>
    public static AccountState Read(IStateReader state, Address address)
    {
        ArgumentNullException.ThrowIfNull(state);
        var bytes = state.Get(AccountKeys.Account(address));
        if (bytes is null) return new AccountState { Nonce = 0, Balance = "0" };
        var account = Parse(bytes);
        _ = BalanceOf(account);
        return account;
    }

    /// <summary>The decoded record of <paramref name="address"/> in <paramref name="state"/>.</summary>
    public static AccountRecord ReadRecord(IStateReader state, Address address)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Decode(state.Get(AccountKeys.Account(address)));
    }

    /// <summary>Decodes a stored value; null (absent) is <see cref="AccountRecord.Empty"/>.</summary>
    public static AccountRecord Decode(byte[]? bytes)
    {
        if (bytes is null) return AccountRecord.Empty;
        var account = Parse(bytes);
        return new AccountRecord(account.Nonce, BalanceOf(account));
    }

    /// <summary>The canonical encoding of <paramref name="record"/>.</summary>
    public static byte[] Encode(AccountRecord record) => ToProto(record).ToByteArray();

    public static AccountState ToProto(AccountRecord record) =>
        new() { Nonce = record.Nonce, Balance = record.Balance.ToString() };

    /// <summary>The balance of a decoded account; throws when state holds a non-canonical amount.</summary>
    public static Amount BalanceOf(AccountState account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!Amount.TryParse(account.Balance, out var balance, out var error))
            throw new InvalidDataException($"state holds an account whose balance is invalid: {error}");
        return balance;
    }

    private static AccountState Parse(byte[] bytes)
    {
        try
        {
            return AccountState.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds an account value that is not a seratio.v1.AccountState", ex);
        }
    }
}
