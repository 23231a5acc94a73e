using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Api;

/// <summary>
/// Issue 9, "Encrypted P2P" (its API part): a real node process given Api:TlsCertificateFile and Api:TlsKeyFile (a PEM
/// pair made by the test) serves its API over HTTPS only, to a client that trusts that certificate, the CLI included.
/// </summary>
public sealed class ApiTlsTests
{
    [Fact]
    public async Task NodeWithAnApiCertificate_ServesHttps_ToClientsThatTrustIt_AndNotCleartext()
    {
        var folder = Directory.CreateTempSubdirectory("seratio-api-tls-");
        try
        {
            using var certificate = SelfSigned(out var certificatePem, out var keyPem);
            var certificateFile = Path.Combine(folder.FullName, "api.crt.pem");
            var keyFile = Path.Combine(folder.FullName, "api.key.pem");
            File.WriteAllText(certificateFile, certificatePem);
            File.WriteAllText(keyFile, keyPem);

            await using var node = await StartAsync(certificateFile, keyFile, certificate);
            Assert.StartsWith("https://", node.ApiUrl, StringComparison.Ordinal);
            var status = await node.Client.GetStatusAsync(new GetStatusRequest()); // StartAsync already waited for one over https
            Assert.False(string.IsNullOrEmpty(status.ChainId));

            // Cleartext HTTP/2 on the same port gets nothing.
            using (var cleartext = GrpcChannel.ForAddress($"http://127.0.0.1:{node.ApiPort}"))
                await Assert.ThrowsAsync<RpcException>(async () =>
                    await new NodeApi.NodeApiClient(cleartext).GetStatusAsync(new GetStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(10)));
            // A client that does not trust the certificate refuses the connection.
            using (var untrusting = GrpcChannel.ForAddress(node.ApiUrl, new GrpcChannelOptions { HttpHandler = NodeProcess.ApiHandler(SelfSigned(out _, out _)) }))
            {
                var refused = await Assert.ThrowsAsync<RpcException>(async () =>
                    await new NodeApi.NodeApiClient(untrusting).GetStatusAsync(new GetStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(10)));
                Assert.Contains("SSL", refused.Status.Detail, StringComparison.OrdinalIgnoreCase);
            }

            // The CLI over https, trusting the certificate through SERATIO_NODE_CA; without it, the system roots do not know it.
            var trusted = await Cli(folder.FullName, certificateFile, "status", "--node", node.ApiUrl);
            Assert.True(trusted.ExitCode == 0, trusted.ToString());
            Assert.Contains(status.ChainId, trusted.StdOut, StringComparison.Ordinal);
            var untrusted = await Cli(folder.FullName, null, "status", "--node", node.ApiUrl);
            Assert.NotEqual(0, untrusted.ExitCode);
            Assert.Contains("SERATIO_NODE_CA", untrusted.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task ApiCertificateFileThatDoesNotExist_StopsTheNodeAtStart_NamingTheSetting()
    {
        var home = Directory.CreateTempSubdirectory("seratio-api-tls-bad-").FullName;
        try
        {
            NodeProcess.WriteHome(home, TestNetwork.Genesis(), TestPorts.Free(), 100, 2_000);
            var info = new ProcessStartInfo("dotnet");
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "seratio-node.dll"));
            info.ArgumentList.Add("--home");
            info.ArgumentList.Add(home);
            info.Environment["SERATIO_Api__TlsCertificateFile"] = "missing.pem";
            var run = await CliRunner.RunProcessAsync(info, home, TimeSpan.FromSeconds(60));
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("Api:TlsCertificateFile", run.StdOut + run.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(home, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<NodeProcess> StartAsync(string certificateFile, string keyFile, X509Certificate2 trust) =>
        await NodeProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Api:TlsCertificateFile"] = certificateFile,
            ["Api:TlsKeyFile"] = keyFile,
        }, trust: trust);

    private static Task<CliResult> Cli(string keystore, string? trustFile, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet");
        info.ArgumentList.Add(CliRunner.Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        if (trustFile is null) info.Environment.Remove("SERATIO_NODE_CA");
        else info.Environment["SERATIO_NODE_CA"] = trustFile;
        return CliRunner.RunProcessAsync(info, keystore, TimeSpan.FromSeconds(60));
    }

    /// <summary>A self-signed P-256 server certificate for 127.0.0.1 and localhost, as PEM certificate and PKCS#8 key.</summary>
    private static X509Certificate2 SelfSigned(out string certificatePem, out string keyPem)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=seratio-api-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
        certificatePem = certificate.ExportCertificatePem();
        keyPem = key.ExportPkcs8PrivateKeyPem();
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }
}
