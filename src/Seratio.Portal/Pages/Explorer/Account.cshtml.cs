using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Explorer;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Explorer;

/// <summary>
/// /accounts/{address}: SER balance and nonce, altcoin balances, microshare holdings lot by lot. The node has no "every
/// holding of an address" query, so the page reads classes 1..<see cref="MaxClasses"/> and the altcoins those classes
/// are backed by (plus one asked for with ?asset=SYMBOL).
/// </summary>
public sealed class AccountModel(PortalNode node) : PageModel
{
    /// <summary>Microshare classes whose holdings the page reads, from class 1 up.</summary>
    public const ulong MaxClasses = 20;

    /// <summary>Lots listed per class.</summary>
    public const uint MaxLots = 50;

    public AccountResponse Account { get; private set; } = new();
    public List<(string Symbol, string Balance, uint Decimals)> Altcoins { get; } = [];
    public List<(MicroshareClassState Class, MicroshareHoldingsResponse Holdings)> Holdings { get; } = [];
    public bool MoreClasses { get; private set; }

    public async Task<IActionResult> OnGetAsync(string address, string? asset, CancellationToken ct)
    {
        if (address.Length > ChainIds.MaxInputChars || !ChainIds.IsAddress(address))
            return Refusal.BadInput(this, "an account is named by its address: bech32m, starting with ser1");
        Account = await node.Api.GetAccountAsync(new GetAccountRequest { Address = address }, node.Call(ct));

        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(asset) && asset.Length <= 16) symbols.Add(asset.Trim());
        for (ulong id = 1; id <= MaxClasses; id++)
        {
            MicroshareClassResponse cls;
            try { cls = await node.Api.GetMicroshareClassAsync(new GetMicroshareClassRequest { Id = id }, node.Call(ct)); }
            catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound) { break; }
            foreach (var r in cls.Reserves) symbols.Add(r.Asset);
            var held = await node.Api.GetMicroshareHoldingsAsync(new GetMicroshareHoldingsRequest { Address = address, ClassId = id, PageSize = MaxLots }, node.Call(ct));
            if (held.Lots.Count > 0) Holdings.Add((cls.Class, held));
            if (id == MaxClasses) MoreClasses = true;
        }
        symbols.Remove(Core.Numerics.Ser.Symbol);
        foreach (var symbol in symbols)
        {
            try
            {
                var meta = await node.Api.GetAssetAsync(new GetAssetRequest { Symbol = symbol }, node.Call(ct));
                var balance = await node.Api.GetAssetBalanceAsync(new GetAssetBalanceRequest { Symbol = symbol, Address = address }, node.Call(ct));
                Altcoins.Add((symbol, balance.Balance, meta.Asset.Decimals));
            }
            catch (RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.NotFound or Grpc.Core.StatusCode.InvalidArgument)
            {
                // not an altcoin of this chain (a typo in ?asset=): listed as unknown below
                Altcoins.Add((symbol, "", 0));
            }
        }
        return Page();
    }

    public static string Units(string baseUnits, uint decimals) =>
        Core.Numerics.Amount.TryParse(baseUnits, out var amount, out _) ? amount.ToDisplay((int)decimals) : baseUnits;
}
