using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages;

/// <summary>
/// The browser wallet: the page is a frame for Static/js/wallet/page.js, which keeps the key in this browser, builds and
/// signs transactions there and hands the portal signed bytes only. The server renders the chain id it expects.
/// </summary>
public sealed class WalletModel(PortalNode node) : PageModel
{
    public string ChainId { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => ChainId = (await node.Api.GetStatusAsync(new GetStatusRequest(), node.Call(ct))).ChainId;
}
