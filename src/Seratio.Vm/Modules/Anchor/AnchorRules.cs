using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Anchor;

/// <summary>The stateless rules of the anchor module's messages (formats and lengths). Stateless; thread safe.</summary>
public static class AnchorRules
{
    /// <summary>Longest target name.</summary>
    public const int MaxTargetNameLength = 16;

    /// <summary>Most targets the chain keeps (each costs one signature per validator per checkpoint).</summary>
    public const int MaxTargets = 8;

    public static MsgResult Validate(MsgRegisterAnchorKey? register)
    {
        if (register is null) return MsgResult.Fail(ResultCode.InvalidMsg, "register_anchor_key message is empty");
        if (register.ValidatorPublicKey.Length != PublicKey.Size)
            return MsgResult.Fail(ResultCode.InvalidMsg, $"validator_public_key must be a {PublicKey.Size}-byte Ed25519 key, got {register.ValidatorPublicKey.Length} bytes");
        if (register.AnchorAddress.Length != AnchorCrypto.AddressSize || IsZero(register.AnchorAddress.Span))
            return MsgResult.Fail(ResultCode.InvalidMsg, $"anchor_address must be a non-zero {AnchorCrypto.AddressSize}-byte Ethereum address, got {register.AnchorAddress.Length} bytes");
        if (register.Proof.Length != AnchorCrypto.SignatureSize)
            return MsgResult.Fail(ResultCode.InvalidMsg, $"proof must be a {AnchorCrypto.SignatureSize}-byte signature (r || s || v), got {register.Proof.Length} bytes");
        return MsgResult.Ok;
    }

    public static MsgResult Validate(MsgSetAnchorTarget? target)
    {
        if (target is null) return MsgResult.Fail(ResultCode.InvalidMsg, "set_anchor_target message is empty");
        var name = CheckName(target.Name);
        if (!name.IsOk) return name;
        if (target.Remove)
        {
            if (target.EvmChainId != 0 || target.Contract.Length != 0)
                return MsgResult.Fail(ResultCode.InvalidMsg, "a removal names the target only; leave evm_chain_id and contract unset");
            return MsgResult.Ok;
        }
        if (target.EvmChainId == 0) return MsgResult.Fail(ResultCode.InvalidMsg, "evm_chain_id must be above 0 (Ethereum 1, Ethereum Classic 61, Mordor 63)");
        if (target.Contract.Length != AnchorCrypto.AddressSize || IsZero(target.Contract.Span))
            return MsgResult.Fail(ResultCode.InvalidMsg, $"contract must be a non-zero {AnchorCrypto.AddressSize}-byte address, got {target.Contract.Length} bytes");
        return MsgResult.Ok;
    }

    public static MsgResult Validate(MsgSubmitCheckpointSignature? submit)
    {
        if (submit is null) return MsgResult.Fail(ResultCode.InvalidMsg, "submit_checkpoint_signature message is empty");
        if (submit.Height == 0) return MsgResult.Fail(ResultCode.InvalidMsg, "height must be the height of a checkpoint (above 0)");
        var name = CheckName(submit.Target);
        if (!name.IsOk) return name;
        if (submit.Signature.Length != AnchorCrypto.SignatureSize)
            return MsgResult.Fail(ResultCode.InvalidMsg, $"signature must be {AnchorCrypto.SignatureSize} bytes (r || s || v), got {submit.Signature.Length}");
        return MsgResult.Ok;
    }

    /// <summary>A target name: 1 to <see cref="MaxTargetNameLength"/> of [a-z0-9-].</summary>
    public static MsgResult CheckName(string name)
    {
        if (name.Length is 0 or > MaxTargetNameLength)
            return MsgResult.Fail(ResultCode.InvalidMsg, $"target name must be 1 to {MaxTargetNameLength} characters, got {name.Length}");
        foreach (char c in name)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                return MsgResult.Fail(ResultCode.InvalidMsg, $"target name '{name}' may hold only a-z, 0-9 and '-'");
        return MsgResult.Ok;
    }

    private static bool IsZero(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0);
}
