using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Seratio.Portal.Pages.Shared;

/// <summary>
/// Input a page refuses before asking its node: a 400 page saying what was wrong and what is expected (the
/// <c>BadInput</c> view), and the parsing of the ids in a page's path. Stateless.
/// </summary>
public static class BadInput
{
    /// <summary>A 400 page headed "Bad request" with <paramref name="detail"/> in an alert.</summary>
    public static IActionResult Page(string detail) => new ViewResult
    {
        ViewName = "BadInput",
        StatusCode = StatusCodes.Status400BadRequest,
        ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary())
        {
            ["Title"] = "Bad request",
            ["Detail"] = detail,
        },
    };

    /// <summary>An id of the chain's counters (1, 2, …): digits only, no sign, no leading zero, at most 2⁶⁴ − 1.</summary>
    public static bool TryId(string? text, out ulong id)
    {
        id = 0;
        return text is { Length: > 0 and <= 20 } && text[0] != '0' && text.All(char.IsAsciiDigit)
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>"market id 'abc' is not an id: give a whole number from 1 to 18446744073709551615".</summary>
    public static string NotAnId(string what, string? text) =>
        $"{what} id '{Shorten(text)}' is not an id: give a whole number from 1 to {ulong.MaxValue.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A visitor's text cut to 64 characters for a message about it.</summary>
    public static string Shorten(string? text) => text is null ? "" : text.Length <= 64 ? text : text[..64] + "…";
}
