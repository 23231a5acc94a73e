using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Tests;

/// <summary>Deterministic validator keys and sets for tests.</summary>
internal static class TestValidators
{
    public static SigningKey Key(int i) => SigningKey.ForTesting("validator-" + i);

    public static (ValidatorSet Set, SigningKey[] Keys) Build(params ulong[] powers)
    {
        var keys = powers.Select((_, i) => Key(i)).ToArray();
        var set = new ValidatorSet(keys.Select((k, i) => new Validator(k.PublicKey, powers[i])));
        return (set, keys);
    }
}
