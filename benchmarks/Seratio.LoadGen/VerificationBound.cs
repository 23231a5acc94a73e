using System.Diagnostics;
using Seratio.Core.Crypto;

namespace Seratio.LoadGen;

/// <summary>
/// Measures the Ed25519 verification rate of one core in this process, the physical limit of a
/// node (ARCHITECTURE.md, "Where performance comes from"). Figures are reported next to it.
/// </summary>
internal static class VerificationBound
{
    public static double VerifiesPerSecondPerCore(TimeSpan duration)
    {
        using var key = SigningKey.ForTesting("loadgen/bound");
        var message = new byte[160]; // about the size of a transfer's sign bytes
        var signature = key.Sign(message);
        var publicKey = key.PublicKey;
        for (int i = 0; i < 200; i++) publicKey.Verify(message, signature); // warm up
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed < duration)
        {
            for (int i = 0; i < 100; i++)
                if (!publicKey.Verify(message, signature)) throw new InvalidOperationException("verification failed");
            count += 100;
        }
        return count / watch.Elapsed.TotalSeconds;
    }
}
