using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Seratio.Node.Api;

/// <summary>
/// Loads the public API's TLS certificate from Api:TlsCertificateFile (PKCS#12, or PEM with the key in the same file or
/// in Api:TlsKeyFile; a passphrase from Api:TlsPassphraseFile). Every failure (missing file, unreadable content, no
/// private key) is an <see cref="InvalidOperationException"/> naming the setting and the file. Stateless; thread safe.
/// </summary>
public static class ApiCertificate
{
    /// <summary>The certificate, or null when Api:TlsCertificateFile is not set (the API speaks cleartext).</summary>
    public static X509Certificate2? Load(ApiOptions options, string home)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        if (string.IsNullOrWhiteSpace(options.TlsCertificateFile)) return null;
        var certificatePath = Existing(home, options.TlsCertificateFile, "Api:TlsCertificateFile");
        var keyPath = string.IsNullOrWhiteSpace(options.TlsKeyFile) ? null : Existing(home, options.TlsKeyFile, "Api:TlsKeyFile");
        var passphrase = string.IsNullOrWhiteSpace(options.TlsPassphraseFile)
            ? null
            : File.ReadAllText(Existing(home, options.TlsPassphraseFile, "Api:TlsPassphraseFile")).TrimEnd('\r', '\n');
        X509Certificate2 certificate;
        try
        {
            var extension = Path.GetExtension(certificatePath);
            certificate = extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(certificatePath, passphrase)
                : passphrase is null
                    ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, passphrase, keyPath);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"Api:TlsCertificateFile '{certificatePath}' could not be loaded as a PKCS#12 (.pfx/.p12) or PEM certificate with its private key: {ex.Message}", ex);
        }
        using (certificate)
        {
            if (!certificate.HasPrivateKey)
                throw new InvalidOperationException($"Api:TlsCertificateFile '{certificatePath}' has no private key (put it in the file or in Api:TlsKeyFile).");
            // Through PKCS#12 once: SslStream on Windows cannot serve a key loaded from PEM (an ephemeral key).
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
        }
    }

    private static string Existing(string home, string path, string setting)
    {
        var full = Path.GetFullPath(path, home);
        return File.Exists(full) ? full : throw new InvalidOperationException($"{setting}: file '{full}' does not exist.");
    }
}
