using System.Globalization;
using CsCheck;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.CertMsgs;
using static Seratio.Vm.Tests.Support.MicroMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;
using Ms = Seratio.Vm.Modules.Microshares.Microshares;

namespace Seratio.Vm.Tests.Modules.Microshares;

/// <summary>
/// Random sequences of mints, sends (oldest first or naming a lot), burns, redemptions and certificate
/// revocations over two classes; after every step the four ledger invariants hold and a refused message
/// changed nothing. CsCheck prints the seed of a failing sequence so it can be replayed.
/// </summary>
public class MicrosharePropertyTests
{
    private static readonly string[] Holders = ["alice", "bob", "carol"];
    private static readonly ulong[] Classes = [1, 2];

    [Fact]
    public void RandomSequences_KeepUnitsReservesFlagsAndFrozenLotsInvariant()
    {
        var op = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 2], Gen.Int[0, 2], Gen.ULong[1, 60], Gen.Int[0, 1], Gen.Int[0, 3]);
        op.Array[1, 30].Sample(ops =>
        {
            var state = MicroMsgs.Ready();
            // Class 2: S/E ratio rule, not redeemable, resting on certificates 1 and 2.
            Assert.Equal(ResultCode.Ok, Run(state, "rb", CreateClass("RATIO", MintRuleKind.SeRatio, 3, 2, false, 1, 2)).Code);
            var flagsAtMint = new Dictionary<ulong, LotFlags>();
            ulong height = 2;
            foreach (var (kind, a, b, n, c, lotPick) in ops)
            {
                height++;
                string from = Holders[a], to = Holders[b];
                ulong classId = Classes[c];
                string amount = n.ToString(CultureInfo.InvariantCulture);
                ulong[] named = lotPick == 0 ? [] : Ms.GetHolding(state, Addr(from), classId).Lots.Take(lotPick).Select(l => l.LotId).ToArray();
                var (sender, msg) = kind switch
                {
                    0 => (from, MintMs(classId, (ulong)(1 + b % 2), "SER", amount)),
                    1 => (from, SendMs(classId, to, amount, named)),
                    2 => (from, BurnMs(classId, amount, named)),
                    3 => (from, RedeemMs(classId, amount, named)),
                    4 => (from, SendMs(classId, to, amount)),
                    _ => ("issuer", RevokeCert((ulong)(1 + b % 2), "property step " + height.ToString(CultureInfo.InvariantCulture))),
                };
                var frozenBefore = FrozenUnits(state);
                var before = Snapshot(state);
                var receipt = Run(state, sender, height, msg);
                if (receipt.Code != ResultCode.Ok && before != Snapshot(state)) return false;
                if (receipt.Code == ResultCode.Ok && kind == 0)
                {
                    ulong lot = Ms.LastLotId(state);
                    flagsAtMint[lot] = Ms.GetLot(state, lot)!.Flags.Clone();
                    if (flagsAtMint[lot].OriginTxHash != receipt.TxHash) return false;
                }
                if (!Invariants(state, flagsAtMint, frozenBefore)) return false;
            }
            return true;
        }, iter: 120);
    }

    private static bool Invariants(MemoryState state, Dictionary<ulong, LotFlags> flagsAtMint, Dictionary<(string, ulong), string> frozenBefore)
    {
        ulong lots = Ms.LastLotId(state);
        var heldByLot = new Dictionary<ulong, Amount>();
        foreach (var classId in Classes)
        {
            var c = Ms.GetClass(state, classId)!;
            var held = Amount.Zero;
            foreach (var holder in Holders)
                foreach (var entry in Ms.GetHolding(state, Addr(holder), classId).Lots)
                {
                    var units = Amount.Parse(entry.Units);
                    held += units;
                    heldByLot[entry.LotId] = heldByLot.GetValueOrDefault(entry.LotId) + units;
                }
            // 1. units minted − units burned = units held
            if (Amount.Parse(c.UnitsMinted) - Amount.Parse(c.UnitsBurned) != held) return false;
            // 2. reserve = backing committed − backing released, and the reserve account holds exactly that
            var reserve = Ms.GetReserve(state, classId, "SER");
            var locked = reserve is null ? Amount.Zero : Amount.Parse(reserve.Committed) - Amount.Parse(reserve.Released);
            if (state.Account(Ms.ReserveAddress(classId)).Balance != locked) return false;
        }
        for (ulong id = 1; id <= lots; id++)
        {
            var lot = Ms.GetLot(state, id)!;
            // Per lot: minted = held + burned + redeemed.
            var accounted = heldByLot.GetValueOrDefault(id) + Amount.Parse(lot.UnitsBurned) + Amount.Parse(lot.UnitsRedeemed);
            if (accounted != Amount.Parse(lot.UnitsMinted)) return false;
            // 3. every unit's flags are the flags it was minted with
            if (!flagsAtMint.TryGetValue(id, out var flags) || !flags.Equals(lot.Flags)) return false;
        }
        // 4. frozen units never move: every holder keeps what it held of each lot frozen before the step
        foreach (var ((holder, lotId), units) in frozenBefore)
        {
            var lot = Ms.GetLot(state, lotId)!;
            var now = Ms.GetHolding(state, Addr(holder), lot.ClassId).Lots.FirstOrDefault(l => l.LotId == lotId)?.Units ?? "0";
            if (now != units) return false;
        }
        return true;
    }

    private static Dictionary<(string, ulong), string> FrozenUnits(MemoryState state)
    {
        var frozen = new Dictionary<(string, ulong), string>();
        foreach (var classId in Classes)
            foreach (var holder in Holders)
                foreach (var entry in Ms.GetHolding(state, Addr(holder), classId).Lots)
                {
                    var lot = Ms.GetLot(state, entry.LotId)!;
                    if (Seratio.Vm.Modules.Certificates.Certificates.Get(state, lot.Flags.CertificateId)!.Revoked) frozen[(holder, entry.LotId)] = entry.Units;
                }
        return frozen;
    }

    /// <summary>Holdings, lots, classes, reserves and SER balances of holders and reserve accounts.</summary>
    private static string Snapshot(MemoryState state)
    {
        var parts = new List<string>();
        foreach (var classId in Classes)
        {
            parts.Add(Ms.GetClass(state, classId)!.ToString());
            parts.Add(Ms.GetReserve(state, classId, "SER")?.ToString() ?? "-");
            parts.Add(state.Account(Ms.ReserveAddress(classId)).Balance.ToString());
            foreach (var holder in Holders) parts.Add(HoldingOf(state, holder, classId));
        }
        for (ulong id = 1; id <= Ms.LastLotId(state); id++) parts.Add(Ms.GetLot(state, id)!.ToString());
        return string.Join("|", parts);
    }
}
