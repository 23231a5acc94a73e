using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Classes;

/// <summary>A microshare class: its certificates, mint rule, reserve and supply.</summary>
public sealed class DetailModel(PortalNode node) : PageModel
{
    public MicroshareClassResponse Answer { get; private set; } = new();

    public async Task OnGetAsync(ulong id, CancellationToken ct) =>
        Answer = await node.Api.GetMicroshareClassAsync(new GetMicroshareClassRequest { Id = id }, node.Call(ct));

    public static string Rule(MintRule rule) => rule.Kind switch
    {
        MintRuleKind.SeRatio => $"S/E ratio: units = backing × the certificate's S/E ratio × {rule.Numerator}/{rule.Denominator}, rounded down",
        MintRuleKind.Fixed => $"fixed: units = backing × {rule.Numerator}/{rule.Denominator}, rounded down",
        _ => "unspecified",
    };
}
