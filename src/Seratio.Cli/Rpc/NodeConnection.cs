using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Cli.Cli;
using Seratio.Protocol;

namespace Seratio.Cli.Rpc;

/// <summary>
/// A gRPC channel to one node and calls that turn every RPC failure into a
/// <see cref="CommandException"/> with the status in plain words. An https:// URL is checked against the
/// system's roots, or against the PEM certificates in the file named by SERATIO_NODE_CA (a node serving a
/// self-signed Api:TlsCertificateFile); the host name is checked either way. Disposable; not shared across threads.
/// </summary>
internal sealed class NodeConnection : IDisposable
{
    /// <summary>Deadline of a quick call (status, account, block).</summary>
    public static readonly TimeSpan QuickCall = TimeSpan.FromSeconds(15);

    private readonly GrpcChannel _channel;

    /// <summary>Environment variable naming a PEM file of certificates to trust, instead of the system's roots, for https:// nodes.</summary>
    public const string TrustEnvironmentVariable = "SERATIO_NODE_CA";

    private NodeConnection(Uri url, X509Certificate2Collection? trust)
    {
        Url = url;
        var handler = new SocketsHttpHandler();
        if (trust is not null)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(trust);
            handler.SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy };
        }
        _channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        Client = new NodeApi.NodeApiClient(_channel);
    }

    public Uri Url { get; }
    public NodeApi.NodeApiClient Client { get; }

    /// <summary>Opens a channel to <paramref name="url"/>; a URL that is not http(s)://host:port is a usage error.</summary>
    public static NodeConnection Open(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            throw CommandException.Usage($"--node '{url}' is not a URL like http://127.0.0.1:9090");
        return new NodeConnection(uri, uri.Scheme == Uri.UriSchemeHttps ? Trust() : null);
    }

    private static X509Certificate2Collection? Trust()
    {
        if (Environment.GetEnvironmentVariable(TrustEnvironmentVariable) is not { Length: > 0 } path) return null;
        var trust = new X509Certificate2Collection();
        try
        {
            trust.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw CommandException.Usage($"{TrustEnvironmentVariable} '{path}': {ex.Message}");
        }
        return trust.Count > 0 ? trust : throw CommandException.Usage($"{TrustEnvironmentVariable} '{path}' holds no PEM certificate");
    }

    /// <summary>Runs one call with a deadline; an RPC failure becomes a plain-words <see cref="CommandException"/>.</summary>
    public async Task<T> CallAsync<T>(Func<NodeApi.NodeApiClient, CallOptions, AsyncUnaryCall<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var options = new CallOptions(deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken);
        try
        {
            return await call(Client, options).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            throw CommandException.Failed(RpcErrors.Describe(ex.Status, Url));
        }
    }

    public Task<NodeStatus> StatusAsync(CancellationToken cancellationToken) =>
        CallAsync((c, o) => c.GetStatusAsync(new GetStatusRequest(), o), QuickCall, cancellationToken);

    public void Dispose() => _channel.Dispose();
}
