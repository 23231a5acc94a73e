using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.State;

namespace Seratio.Cli.Proofs;

/// <summary>
/// Checks an <see cref="AccountProofDocument"/> with nothing but the document: the key is the
/// address's account key, the proven value encodes the stated balance and nonce (absence means
/// balance 0 and nonce 0), and the proof leads to the stated root. Pure; thread safe.
/// </summary>
internal static class AccountProofChecker
{
    public static bool Check(AccountProofDocument doc, out string reason)
    {
        if (!Address.TryParse(doc.Address, out var address, out var error)) return Fail($"address: {error}", out reason);
        if (!Hash32.TryParse(doc.StateRoot, out var root)) return Fail("state_root is not 64 hex digits", out reason);
        var expectedKey = AccountKeys.Account(address);
        if (!Hash32.TryParse(doc.Key, out var key) || key != expectedKey)
            return Fail($"key {doc.Key} is not the account key of {doc.Address} (expected {expectedKey})", out reason);
        if (!Amount.TryParse(doc.Balance, out var balance, out error)) return Fail($"balance: {error}", out reason);

        StateProof proof;
        try { proof = doc.Proof.ToProto(); }
        catch (FormatException ex) { return Fail(ex.Message, out reason); }
        if (proof.Key != expectedKey.ToByteString()) return Fail("proof.key differs from the account key", out reason);

        if (proof.Exists)
        {
            AccountState state;
            try { state = AccountState.Parser.ParseFrom(proof.Value); }
            catch (InvalidProtocolBufferException) { return Fail("proof.value is not an encoded account state", out reason); }
            if (!Amount.TryParse(state.Balance, out var provenBalance, out _) || provenBalance != balance)
                return Fail($"proof.value holds balance {state.Balance}, the document claims {doc.Balance}", out reason);
            if (state.Nonce != doc.Nonce)
                return Fail($"proof.value holds nonce {state.Nonce}, the document claims {doc.Nonce}", out reason);
        }
        else if (!balance.IsZero || doc.Nonce != 0)
        {
            return Fail("the proof shows the account does not exist, but the document claims a balance or nonce", out reason);
        }

        if (!StateProofVerifier.Verify(root, proof, out var why)) return Fail($"the proof does not lead to state root {root}: {why}", out reason);
        reason = "";
        return true;
    }

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }
}
