using Seratio.Core.Crypto;

namespace Seratio.Consensus.Validators;

/// <summary>
/// Weighted round-robin proposer selection (Tendermint's priority algorithm): each step every
/// validator's priority grows by its power, the highest priority proposes (ties: lowest key)
/// and pays back the total power. Over many steps each validator proposes in proportion to its
/// power. Priorities are kept centred on zero and their spread within 2 × total power.
/// Deterministic: a pure function of the set and the number of steps. Not thread safe.
/// </summary>
public sealed class ProposerRotation
{
    private readonly ValidatorSet _set;
    private readonly long[] _priorities;
    private readonly long _total;

    /// <summary>A rotation at step 0: all priorities zero, <see cref="Current"/> is chosen by the first increment.</summary>
    public ProposerRotation(ValidatorSet set)
    {
        _set = set ?? throw new ArgumentNullException(nameof(set));
        _priorities = new long[set.Count];
        _total = (long)set.TotalPower;
        Advance();
    }

    /// <summary>The proposer of the current step.</summary>
    public PublicKey Current { get; private set; }

    /// <summary>Number of steps taken (1 after construction).</summary>
    public ulong Steps { get; private set; }

    /// <summary>Priorities by validator index, for inspection and persistence.</summary>
    public IReadOnlyList<long> Priorities => _priorities;

    /// <summary>The proposer of (height, round) counting one step per height from height 1 and one per round; O(steps × validators).</summary>
    public static PublicKey ProposerAt(ValidatorSet set, ulong height, uint round)
    {
        ArgumentOutOfRangeException.ThrowIfZero(height);
        var rotation = new ProposerRotation(set);
        rotation.Advance(height - 1 + round);
        return rotation.Current;
    }

    public void Advance(ulong steps)
    {
        for (ulong i = 0; i < steps; i++) Advance();
    }

    /// <summary>Moves to the next proposer.</summary>
    public void Advance()
    {
        Rescale();
        Centre();
        var validators = _set.Validators;
        int best = 0;
        for (int i = 0; i < _priorities.Length; i++)
        {
            _priorities[i] += (long)validators[i].Power;
            // Strictly greater: on a tie the lower index (lower key) stays chosen.
            if (_priorities[i] > _priorities[best]) best = i;
        }
        _priorities[best] -= _total;
        Current = validators[best].Key;
        Steps++;
    }

    private void Rescale()
    {
        long max = _priorities.Max(), min = _priorities.Min();
        long diff = max - min, limit = 2 * _total;
        if (diff <= limit) return;
        long ratio = (diff + limit - 1) / limit;
        for (int i = 0; i < _priorities.Length; i++) _priorities[i] /= ratio;
    }

    private void Centre()
    {
        Int128 sum = 0;
        foreach (long p in _priorities) sum += p;
        // Floor division, so that the result does not depend on the sign convention of '/'.
        Int128 n = _priorities.Length;
        Int128 average = sum >= 0 ? sum / n : -((-sum + n - 1) / n);
        for (int i = 0; i < _priorities.Length; i++) _priorities[i] -= (long)average;
    }
}
