using CsCheck;

namespace Seratio.Core.Tests.Support;

/// <summary>
/// Runs a CsCheck property over a fixed list of seeds, so every run checks the same cases.
/// A failure names its seed; replay it with <c>gen.Sample(assert, seed: "…")</c>.
/// </summary>
internal static class Property
{
    public static void ForAll<T>(Gen<T> gen, Action<T> assert, int runs, uint stream)
    {
        for (int i = 0; i < runs; i++)
        {
            var seed = new PCG(stream, (ulong)i * 0x9E3779B97F4A7C15UL).ToString();
            try
            {
                gen.Sample(assert, seed: seed, iter: 1, threads: 1);
            }
            catch (Exception ex)
            {
                var message = $"Property failed for seed \"{seed}\" (run {i}, stream {stream}): {ex.Message}";
                Console.Error.WriteLine(message);
                throw new Xunit.Sdk.XunitException(message);
            }
        }
    }
}
