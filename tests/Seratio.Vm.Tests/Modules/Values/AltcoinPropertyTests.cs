using CsCheck;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Altcoins;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Values;

public class AltcoinPropertyTests
{
    private static readonly string[] Holders = ["h0", "h1", "h2"];
    private const ulong Cap = 1_000;

    [Fact]
    public void RandomSequences_KeepSupplyEqualToTheSumOfBalances_WithinTheCap()
    {
        var op = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 2], Gen.Int[0, 2], Gen.ULong[1, 400]);
        op.Array[1, 25].Sample(ops =>
        {
            var state = NewState([.. Holders, "rb"]);
            Run(state, Authority, Grant("rb", Role.RewardingBody));
            Run(state, "rb", Create("PROP", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture), "rb"));
            foreach (var (kind, a, b, n) in ops)
            {
                string amount = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                string from = Holders[a], to = Holders[b];
                var msg = kind switch
                {
                    0 => Mint("PROP", to, amount),
                    1 => Burn("PROP", amount),
                    2 => Send("PROP", to, amount),
                    3 => Approve("PROP", to, amount),
                    _ => SendFrom("PROP", to, Holders[(b + 1) % Holders.Length], amount),
                };
                var sender = kind == 0 ? "rb" : from;
                var before = Snapshot(state);
                var receipt = Run(state, sender, msg);
                if (receipt.Code != ResultCode.Ok) Assert.Equal(before, Snapshot(state));
                var supply = Altcoins.SupplyOf(Altcoins.Get(state, "PROP")!);
                var sum = Holders.Append("rb").Aggregate(Amount.Zero, (s, h) => s + Altcoins.BalanceOf(state, "PROP", Addr(h)));
                if (supply != sum || supply > new Amount(Cap)) return false;
            }
            return true;
        }, iter: 150, seed: null);
    }

    /// <summary>Balances and allowances of every pair; a failed message must leave them all unchanged.</summary>
    private static string Snapshot(MemoryState state)
    {
        var all = Holders.Append("rb").ToArray();
        var parts = new List<string> { Altcoins.Get(state, "PROP")!.Supply };
        foreach (var h in all)
        {
            parts.Add(Altcoins.BalanceOf(state, "PROP", Addr(h)).ToString());
            foreach (var s in all) parts.Add(Altcoins.AllowanceOf(state, "PROP", Addr(h), Addr(s)).ToString());
        }
        return string.Join(",", parts);
    }
}
