using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Validators;
using Seratio.Protocol;

namespace Seratio.Consensus.Validators;

/// <summary>
/// The validators of a height, sorted by public key (unsigned bytewise), each key once, each
/// power &gt; 0, total power within <see cref="MaxTotalPower"/>. Immutable; thread safe.
/// </summary>
public sealed class ValidatorSet
{
    /// <summary>Upper bound of the total power, so that proposer priorities (± 2 × total) never overflow a long.</summary>
    public const ulong MaxTotalPower = ValidatorSetCodec.MaxTotalPower;

    private readonly Validator[] _validators;
    private readonly Dictionary<PublicKey, int> _index;

    public ValidatorSet(IEnumerable<Validator> validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        _validators = validators.ToArray();
        Array.Sort(_validators, static (a, b) => CompareKeys(a.Key, b.Key));
        if (_validators.Length == 0) throw new ArgumentException("A validator set needs at least one validator.", nameof(validators));
        _index = new Dictionary<PublicKey, int>(_validators.Length);
        ulong total = 0;
        for (int i = 0; i < _validators.Length; i++)
        {
            var v = _validators[i];
            if (v.Power == 0) throw new ArgumentException($"Validator {v.Key} has power 0.", nameof(validators));
            if (!_index.TryAdd(v.Key, i)) throw new ArgumentException($"Validator {v.Key} is listed twice.", nameof(validators));
            total = checked(total + v.Power);
        }
        if (total > MaxTotalPower) throw new ArgumentException($"Total power {total} exceeds {MaxTotalPower}.", nameof(validators));
        TotalPower = total;
        Hash = ComputeHash(_validators);
    }

    /// <summary>The validator set a genesis document starts with.</summary>
    public static ValidatorSet FromGenesis(Genesis genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        return new ValidatorSet(genesis.Validators.Select(v => new Validator(PublicKey.FromHex(v.PublicKey), v.Power)));
    }

    /// <summary>The set a state-held <see cref="ValidatorSetState"/> describes (names are not part of a set).</summary>
    public static ValidatorSet FromState(ValidatorSetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ValidatorSet(state.Validators.Select(v => new Validator(new PublicKey(v.PublicKey.Span), v.Power)));
    }

    /// <summary>Validators sorted by public key.</summary>
    public IReadOnlyList<Validator> Validators => _validators;
    public int Count => _validators.Length;
    public ulong TotalPower { get; }

    /// <summary>SHA-256("seratio/validators" || for each validator sorted by key: key (32) || power (8 BE)).</summary>
    public Hash32 Hash { get; }

    public bool Contains(PublicKey key) => _index.ContainsKey(key);

    public bool TryGetPower(PublicKey key, out ulong power)
    {
        if (_index.TryGetValue(key, out int i)) { power = _validators[i].Power; return true; }
        power = 0;
        return false;
    }

    /// <summary>Position of <paramref name="key"/> in <see cref="Validators"/>, or -1.</summary>
    public int IndexOf(PublicKey key) => _index.TryGetValue(key, out int i) ? i : -1;

    /// <summary>Power strictly greater than 2/3 of <see cref="TotalPower"/> (the commit quorum).</summary>
    public bool IsQuorum(ulong power) => (UInt128)power * 3 > (UInt128)TotalPower * 2;

    internal static int CompareKeys(PublicKey a, PublicKey b)
    {
        Span<byte> x = stackalloc byte[PublicKey.Size], y = stackalloc byte[PublicKey.Size];
        a.CopyTo(x);
        b.CopyTo(y);
        return x.SequenceCompareTo(y);
    }

    private static Hash32 ComputeHash(Validator[] validators) =>
        ValidatorSetCodec.Hash(Array.ConvertAll(validators, v => (v.Key, v.Power)));
}
