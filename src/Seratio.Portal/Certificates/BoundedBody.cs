using System.Text;
using Microsoft.AspNetCore.Http;

namespace Seratio.Portal.Certificates;

/// <summary>
/// Reads a request body up to a bound: a declared length over it is refused without reading, and a body without one
/// is read until the bound is passed. Kestrel enforces the same bound; this answers 413 in the portal's words.
/// </summary>
public static class BoundedBody
{
    public static async Task<(string Text, bool TooLarge)> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit) return ("", true);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) return ("", true);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { return ("", true); }
        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), false);
    }
}
