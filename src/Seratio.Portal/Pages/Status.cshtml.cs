using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Seratio.Portal.Pages;

/// <summary>The page for an HTTP status without a body of its own (e.g. 404 for an unknown path).</summary>
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Detail { get; private set; } = "";

    public void OnGet(int code)
    {
        Response.StatusCode = code is >= 400 and < 600 ? code : 404;
        (Title, Detail) = code switch
        {
            404 => ("Not found", "The portal has no such page."),
            400 => ("Bad request", "The request was not understood."),
            413 => ("Too large", "The request is larger than the portal accepts."),
            _ => ($"Error {code}", "The portal could not answer this request."),
        };
    }
}
