using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Seratio.Portal.Explorer;

/// <summary>An explorer page's answer to input it cannot use (400) or to something the chain does not hold (404): a page
/// that says what was asked and how to ask better. Stateless.</summary>
internal static class Refusal
{
    public static IActionResult BadInput(PageModel page, string detail) => Page(page, StatusCodesOf.BadRequest, "Not understood", detail);

    public static IActionResult NothingFound(PageModel page, string detail) => Page(page, StatusCodesOf.NotFound, "Nothing found", detail);

    private static ViewResult Page(PageModel page, int status, string title, string detail) => new()
    {
        ViewName = "ExplorerMessage",
        StatusCode = status,
        ViewData = new ViewDataDictionary(page.MetadataProvider, page.ModelState) { ["Title"] = title, ["Detail"] = detail },
    };

    private static class StatusCodesOf
    {
        public const int BadRequest = 400, NotFound = 404;
    }
}
