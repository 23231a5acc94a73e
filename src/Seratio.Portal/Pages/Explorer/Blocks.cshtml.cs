using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Explorer;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Explorer;

/// <summary>/blocks?before=H: 20 blocks below height H (exclusive), newest first; one ListBlocks call, whatever the chain's length.</summary>
public sealed class BlocksModel(PortalNode node) : PageModel
{
    public const uint PageSize = 20;

    public ListBlocksResponse List { get; private set; } = new();
    public ulong Before { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? before, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(before))
        {
            if (before.Length > ChainIds.MaxInputChars || !ChainIds.IsHeight(before, out var height))
                return Refusal.BadInput(this, "'before' is a block height (a whole number): the list shows the blocks below it");
            Before = height;
        }
        List = await node.Api.ListBlocksAsync(new ListBlocksRequest { Before = Before, PageSize = PageSize }, node.Call(ct));
        return Page();
    }
}
