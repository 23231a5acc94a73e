using System.Text.Json;
using Seratio.Client.Proofs;

namespace Seratio.Portal.Certificates;

/// <summary>
/// Reads a certificate document someone pasted or posted (<c>seratio cert show ID --prove -o json</c>): a clear
/// message for anything that is not one, never an exception. Pure.
/// </summary>
public static class PastedDocument
{
    public static bool TryParse(string? text, out CertificateDocument? document, out string error)
    {
        document = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "paste a certificate document: the JSON that `seratio cert show ID --prove -o json` prints";
            return false;
        }
        try
        {
            document = CertificateDocument.Parse(text);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or NotSupportedException)
        {
            error = $"this is not a certificate document (`seratio cert show ID --prove -o json`): {ex.Message}";
            return false;
        }
        if (document.Proof is null)
        {
            error = "the document carries no proof: save it with `seratio cert show ID --prove -o json`";
            document = null;
            return false;
        }
        error = "";
        return true;
    }
}
