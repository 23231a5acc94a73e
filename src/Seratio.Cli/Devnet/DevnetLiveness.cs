using System.Globalization;
using Seratio.Core.Chain;

namespace Seratio.Cli.Devnet;

/// <summary>
/// Which of a devnet's validators are up, and what that means for the chain: a block commits only when validators
/// holding more than 2/3 of the voting power precommit it, so the words devnet prints when a validator exits or comes
/// back depend on the power still up. Powers are the genesis ones (a validator added later by <c>tx set-validator</c>
/// is not counted). A validator is down from the exit of the process devnet started, or from the moment a validator
/// restarted by hand stops answering, until its API answers again. Thread safe (the exit watcher and the status loop
/// share one instance).
/// </summary>
internal sealed class DevnetLiveness
{
    private readonly IReadOnlyList<GenesisValidator> _validators;
    private readonly ulong _total;
    private readonly bool[] _down;
    private readonly bool[] _byHand;
    private readonly Lock _lock = new();

    /// <param name="validators">The validators in devnet's order: index i is <c>validator-i</c>.</param>
    public DevnetLiveness(IReadOnlyList<GenesisValidator> validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        if (validators.Count == 0) throw new ArgumentException("a devnet has at least one validator", nameof(validators));
        _validators = validators;
        _total = validators.Aggregate(0UL, (sum, v) => checked(sum + v.Power));
        _down = new bool[validators.Count];
        _byHand = new bool[validators.Count];
    }

    public static DevnetLiveness Of(Genesis genesis) => new(genesis.Validators);

    /// <summary>Whether validator <paramref name="index"/> is counted as down.</summary>
    public bool IsDown(int index)
    {
        lock (_lock) return _down[index];
    }

    /// <summary>Whether the validators up hold more than 2/3 of the power, so that blocks commit.</summary>
    public bool Commits
    {
        get { lock (_lock) return HasQuorum(UpPower()); }
    }

    /// <summary>
    /// Marks the validator devnet started as validator <paramref name="index"/> down, its process having exited with
    /// <paramref name="exitCode"/>, and says what that does to the chain.
    /// </summary>
    public string Exited(int index, int exitCode)
    {
        lock (_lock)
        {
            _down[index] = true;
            return $"{_validators[index].Name} exited with code {exitCode.ToString(CultureInfo.InvariantCulture)}; {ChainWords()}";
        }
    }

    /// <summary>
    /// A validator that came back by hand stopped answering again (devnet did not start it, so it has no exit code); null
    /// when it is already down or was never back (the exit of a process devnet started is reported by <see cref="Exited"/>).
    /// </summary>
    public string? StoppedAnswering(int index)
    {
        lock (_lock)
        {
            if (_down[index] || !_byHand[index]) return null;
            _down[index] = true;
            return $"[{_validators[index].Name}] stopped answering; {ChainWords()}";
        }
    }

    /// <summary>
    /// A validator counted as down answers its API again (restarted by hand, at <paramref name="height"/>): it is up
    /// again and devnet says so once; null when it was not down.
    /// </summary>
    public string? Answered(int index, ulong height)
    {
        lock (_lock)
        {
            if (!_down[index]) return null;
            bool before = HasQuorum(UpPower());
            _down[index] = false;
            _byHand[index] = true;
            var line = $"[{_validators[index].Name}] back (height {height.ToString(CultureInfo.InvariantCulture)}, not started by devnet)";
            if (!before && HasQuorum(UpPower())) line += "; validators holding more than 2/3 of the voting power are up again: the chain commits again";
            else if (!before) line += "; " + ChainWords();
            return line;
        }
    }

    /// <summary>What the chain does with the validators now up. Call under the lock.</summary>
    private string ChainWords()
    {
        ulong up = UpPower();
        var down = Enumerable.Range(0, _down.Length).Where(i => _down[i]).ToList();
        string power = $"the validators up hold {up.ToString(CultureInfo.InvariantCulture)} of {_total.ToString(CultureInfo.InvariantCulture)} voting power";
        if (HasQuorum(up))
            return $"{power}, more than 2/3, so the others go on committing";
        // The fewest of the down validators that would give a quorum back: the most powerful first.
        int needed = 0;
        ulong back = up;
        foreach (int i in down.OrderByDescending(i => _validators[i].Power).ThenBy(i => i))
        {
            back += _validators[i].Power;
            needed++;
            if (HasQuorum(back)) break;
        }
        string names = string.Join(", ", down.Select(i => _validators[i].Name));
        string which = down.Count == 1 ? names : $"{needed.ToString(CultureInfo.InvariantCulture)} of {names}";
        return $"{power}, not more than 2/3: the chain has stopped committing (nothing diverges) until enough validators come back; start {which} again";
    }

    private ulong UpPower()
    {
        ulong up = 0;
        for (int i = 0; i < _down.Length; i++)
            if (!_down[i]) up += _validators[i].Power;
        return up;
    }

    private bool HasQuorum(ulong up) => (UInt128)up * 3 > (UInt128)_total * 2;
}
