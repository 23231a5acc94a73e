namespace Seratio.Consensus.Tests.Simulation;

/// <summary>SplitMix64: a small seeded generator whose sequence is fixed by this code, not by the runtime's Random. Not thread safe.</summary>
internal sealed class SimRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [min, max).</summary>
    public long Long(long min, long max)
    {
        if (max <= min) return min;
        return min + (long)(Next() % (ulong)(max - min));
    }

    public int Int(int min, int max) => (int)Long(min, max);

    /// <summary>True with probability perMille / 1000.</summary>
    public bool Chance(int perMille) => Long(0, 1000) < perMille;

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count)];

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte)Next();
        return bytes;
    }

    /// <summary>An independent generator derived from this one (so adding draws in one place does not shift another's).</summary>
    public SimRandom Fork() => new(Next());
}
