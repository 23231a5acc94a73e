using Seratio.Core.Crypto;

namespace Seratio.Consensus.Validators;

/// <summary>
/// The proposers of (height, round) under one validator set, as <see cref="ProposerRotation.ProposerAt"/>
/// defines them (step index height - 1 + round), computed forward once and cached, so that a
/// node moving through heights and rounds pays one rotation step per new index. Not thread safe.
/// </summary>
public sealed class ProposerSchedule
{
    private readonly ProposerRotation _rotation;
    private readonly List<PublicKey> _cache = [];
    private ulong _cacheStart;

    public ProposerSchedule(ValidatorSet validators)
    {
        Validators = validators ?? throw new ArgumentNullException(nameof(validators));
        _rotation = new ProposerRotation(validators);
    }

    public ValidatorSet Validators { get; }

    public PublicKey ProposerAt(ulong height, uint round)
    {
        ArgumentOutOfRangeException.ThrowIfZero(height);
        ulong index = checked(height - 1 + round);
        if (index < _cacheStart) return ProposerRotation.ProposerAt(Validators, height, round);
        // The rotation's current step has index Steps - 1; cache it and move on until index is reached.
        while (_cacheStart + (ulong)_cache.Count <= index)
        {
            ulong current = _rotation.Steps - 1;
            if (current < _cacheStart + (ulong)_cache.Count) { _rotation.Advance(); continue; }
            if (_cache.Count == 0) _cacheStart = current;
            _cache.Add(_rotation.Current);
            _rotation.Advance();
        }
        return _cache[(int)(index - _cacheStart)];
    }

    /// <summary>Forgets the proposers of indexes below (height - 1); later calls for them recompute from scratch.</summary>
    public void Prune(ulong height)
    {
        if (height == 0) return;
        ulong keepFrom = height - 1;
        if (keepFrom <= _cacheStart) return;
        int drop = (int)Math.Min((ulong)_cache.Count, keepFrom - _cacheStart);
        _cache.RemoveRange(0, drop);
        _cacheStart += (ulong)drop;
    }
}
