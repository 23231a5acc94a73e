using Google.Protobuf;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Anchor;

namespace Seratio.Vm.Genesis;

/// <summary>
/// The anchor module's genesis writes: each genesis anchor key (its proof checked as <see cref="RegisterAnchorKeyHandler"/>
/// checks one, against the genesis chain id) and the target contracts. Throws <see cref="FormatException"/> on a bad
/// proof, a repeated address or a bad target name. Pure; thread safe.
/// </summary>
internal static class GenesisAnchorState
{
    public static IReadOnlyList<StateChange> Build(Seratio.Core.Chain.Genesis genesis)
    {
        var anchor = genesis.Anchor!;
        var changes = new List<StateChange>();
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in anchor.Keys)
        {
            var validator = Convert.FromHexString(key.ValidatorPublicKey);
            var address = Convert.FromHexString(key.Address.AsSpan(2));
            var recovered = AnchorCrypto.Recover(AnchorKeyProof.Digest(validator, genesis.ChainId), Convert.FromHexString(key.Proof), out var problem)
                ?? throw new FormatException($"genesis anchor key {key.Address}: proof: {problem}");
            if (!recovered.AsSpan().SequenceEqual(address))
                throw new FormatException($"genesis anchor key {key.Address}: proof recovers to {AnchorCrypto.Hex(recovered)} for validator {key.ValidatorPublicKey} on chain '{genesis.ChainId}'");
            if (!addresses.Add(key.Address)) throw new FormatException($"genesis anchor address {key.Address} is given to two validators");
            var record = new AnchorKeyRecord { ValidatorPublicKey = ByteString.CopyFrom(validator), AnchorAddress = ByteString.CopyFrom(address) };
            changes.Add(new StateChange(AnchorKeys.Key(validator), record.ToByteArray()));
            changes.Add(new StateChange(AnchorKeys.Address(address), validator));
        }
        if (anchor.Targets.Count > 0)
        {
            if (anchor.Targets.Count > AnchorRules.MaxTargets) throw new FormatException($"genesis names {anchor.Targets.Count} anchor targets; at most {AnchorRules.MaxTargets}");
            var targets = new AnchorTargets();
            foreach (var t in anchor.Targets.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                if (AnchorRules.CheckName(t.Name) is { IsOk: false } bad) throw new FormatException($"genesis anchor target: {bad.Log}");
                if (targets.Targets.Count > 0 && targets.Targets[^1].Name == t.Name) throw new FormatException($"genesis names anchor target '{t.Name}' twice");
                targets.Targets.Add(new AnchorTarget { Name = t.Name, EvmChainId = t.EvmChainId, Contract = ByteString.CopyFrom(Convert.FromHexString(t.Contract.AsSpan(2))) });
            }
            changes.Add(new StateChange(AnchorKeys.Targets(), targets.ToByteArray()));
        }
        return changes;
    }
}
