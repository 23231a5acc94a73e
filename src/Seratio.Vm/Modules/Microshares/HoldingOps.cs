using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>Sorted edits of a <see cref="MicroshareHolding"/> (lots in ascending id, units ≥ 1). Pure; thread safe.</summary>
public static class HoldingOps
{
    /// <summary>Most lots one holder keeps of one class; a receive or mint beyond it is LIMIT_EXCEEDED.</summary>
    public const int MaxLots = 256;

    internal static int IndexOf(MicroshareHolding holding, ulong lotId)
    {
        int lo = 0, hi = holding.Lots.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            ulong at = holding.Lots[mid].LotId;
            if (at == lotId) return mid;
            if (at < lotId) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>Takes <paramref name="units"/> (at most what is held) of a lot out; removes the entry at 0.</summary>
    internal static void Remove(MicroshareHolding holding, ulong lotId, Amount units)
    {
        int at = IndexOf(holding, lotId);
        if (at < 0) throw new InvalidOperationException($"lot {lotId} is not in the holding");
        var left = Microshares.Units(holding.Lots[at].Units) - units;
        if (left.IsZero) holding.Lots.RemoveAt(at);
        else holding.Lots[at].Units = left.ToString();
    }

    /// <summary>Adds units of a lot (merging with the same lot id); false when a new entry would pass <see cref="MaxLots"/>.</summary>
    internal static bool TryAdd(MicroshareHolding holding, ulong lotId, ulong certificateId, Amount units)
    {
        int at = IndexOf(holding, lotId);
        if (at >= 0)
        {
            holding.Lots[at].Units = (Microshares.Units(holding.Lots[at].Units) + units).ToString();
            return true;
        }
        if (holding.Lots.Count >= MaxLots) return false;
        holding.Lots.Insert(~at, new LotUnits { LotId = lotId, Units = units.ToString(), CertificateId = certificateId });
        return true;
    }

    public static Amount Total(MicroshareHolding holding)
    {
        var total = Amount.Zero;
        foreach (var entry in holding.Lots) total += Microshares.Units(entry.Units);
        return total;
    }
}
