namespace Seratio.Core.Keys;

/// <summary>
/// Argon2id cost parameters of a key file. <see cref="Standard"/> protects real keys;
/// <see cref="Fast"/> exists only so tests do not spend seconds per key. Immutable.
/// </summary>
public readonly record struct KdfParameters(long MemoryKiB, long Iterations, int Parallelism)
{
    /// <summary>64 MiB, 3 passes, one lane: about a third of a second on the reference machines.</summary>
    public static readonly KdfParameters Standard = new(64 * 1024, 3, 1);

    /// <summary>8 MiB, 1 pass: cheap enough for tests; never for keys that guard value.</summary>
    public static readonly KdfParameters Fast = new(8 * 1024, 1, 1);

    /// <summary>The largest memory cost a key file may ask for (1 GiB), so a hostile file cannot exhaust memory.</summary>
    public const long MaxMemoryKiB = 1024 * 1024;

    /// <summary>The largest pass count a key file may ask for, so a hostile file cannot stall the reader.</summary>
    public const long MaxIterations = 64;

    /// <summary>Null when usable; else why not. libsodium supports exactly one lane.</summary>
    public string? Problem() =>
        Parallelism != 1 ? $"kdf.par is {Parallelism}; only 1 is supported"
        : MemoryKiB is < 8 * 1024 or > MaxMemoryKiB ? $"kdf.mem is {MemoryKiB} KiB; it must be 8192..{MaxMemoryKiB}"
        : Iterations is < 1 or > MaxIterations ? $"kdf.iters is {Iterations}; it must be 1..{MaxIterations}"
        : null;
}
