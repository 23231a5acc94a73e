using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Support;

/// <summary>
/// A scripted NodeApi on a loopback port: answers from its public fields and records what it
/// was sent, so CLI tests can check the exact transaction bytes. One per test.
/// </summary>
internal sealed class FakeNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeNode(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }
    public NodeState State => _app.Services.GetRequiredService<NodeState>();

    public static async Task<FakeNode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<NodeState>();
        var app = builder.Build();
        app.MapGrpcService<Service>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FakeNode(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>What the fake answers and what it received. Thread safe enough for one test.</summary>
    internal sealed class NodeState
    {
        public NodeStatus Status { get; set; } = new() { ChainId = "seratio-test-1", LatestHeight = 41, NodeVersion = "fake" };
        public Dictionary<string, AccountResponse> Accounts { get; } = new(StringComparer.Ordinal);
        public Receipt? CommitReceipt { get; set; }
        /// <summary>Committed transactions GetTx answers, by lower-case hex hash.</summary>
        public ConcurrentDictionary<string, TxResponse> Txs { get; } = new(StringComparer.Ordinal);
        public Status? SubmitError { get; set; }
        public ConcurrentQueue<SubmitTxRequest> Submitted { get; } = new();
        /// <summary>What GetConsensusState answers; null = Unimplemented, as an older node.</summary>
        public ConsensusState? Consensus { get; set; }
        public ValidatorsResponse Validators { get; set; } = new();
        public ConcurrentQueue<GetValidatorsRequest> ValidatorRequests { get; } = new();
        public EvidenceResponse Evidence { get; set; } = new();
        /// <summary>Organisation accounts GetMultisigAccount answers, by address; others are NotFound as a node says it.</summary>
        public Dictionary<string, MultisigAccountResponse> MultisigAccounts { get; } = new(StringComparer.Ordinal);
        /// <summary>Entities GetEntity answers (others are NotFound), their certificates and provenance records (one page each).</summary>
        public Dictionary<ulong, EntityState> Entities { get; } = [];
        public Dictionary<ulong, List<ListedCertificate>> CertificatesOf { get; } = [];
        public Dictionary<ulong, List<ProvenanceRecord>> RecordsOf { get; } = [];
    }

    private sealed class Service(NodeState state) : NodeApi.NodeApiBase
    {
        public override Task<NodeStatus> GetStatus(GetStatusRequest request, ServerCallContext context) => Task.FromResult(state.Status);

        public override Task<ConsensusState> GetConsensusState(GetConsensusStateRequest request, ServerCallContext context) =>
            state.Consensus is { } c ? Task.FromResult(c) : throw new RpcException(new Status(StatusCode.Unimplemented, "not served"));

        public override Task<AccountResponse> GetAccount(GetAccountRequest request, ServerCallContext context) =>
            Task.FromResult(state.Accounts.TryGetValue(request.Address, out var a)
                ? a
                : new AccountResponse { Address = request.Address, Height = state.Status.LatestHeight, Balance = "0", Nonce = 0 });

        public override Task<MultisigAccountResponse> GetMultisigAccount(GetMultisigAccountRequest request, ServerCallContext context) =>
            state.MultisigAccounts.TryGetValue(request.Address, out var a)
                ? Task.FromResult(a)
                : throw new RpcException(new Status(StatusCode.NotFound, $"{request.Address} is not an organisation account at height {state.Status.LatestHeight}"));

        public override Task<SubmitTxResponse> SubmitTx(SubmitTxRequest request, ServerCallContext context)
        {
            if (state.SubmitError is { } error) throw new RpcException(error);
            state.Submitted.Enqueue(request);
            var tx = Protocol.Tx.Parser.ParseFrom(request.Tx);
            var hash = Hashing.Hash(Domains.Tx, tx.Body.Span).ToByteString();
            var response = new SubmitTxResponse { TxHash = hash };
            if (request.Mode == SubmitMode.Commit)
                response.Receipt = state.CommitReceipt ?? new Receipt { TxHash = hash, Height = state.Status.LatestHeight + 1, Code = ResultCode.Ok, GasUsed = 15_000, Fee = "0" };
            return Task.FromResult(response);
        }

        public override Task<TxResponse> GetTx(GetTxRequest request, ServerCallContext context) =>
            state.Txs.TryGetValue(Convert.ToHexStringLower(request.Hash.Span), out var tx)
                ? Task.FromResult(tx)
                : throw new RpcException(new Status(StatusCode.NotFound, $"no transaction {Convert.ToHexStringLower(request.Hash.Span)}"));

        public override Task<BlockResponse> GetBlock(GetBlockRequest request, ServerCallContext context) =>
            Task.FromResult(new BlockResponse
            {
                BlockHash = ByteString.CopyFrom(new byte[32]),
                Block = new Block { Header = new BlockHeader { ChainId = state.Status.ChainId, Height = request.Height == 0 ? state.Status.LatestHeight : request.Height } },
            });

        /// <summary>No blocks to list (the portal's front page asks); the head is the status's.</summary>
        public override Task<ListBlocksResponse> ListBlocks(ListBlocksRequest request, ServerCallContext context) =>
            Task.FromResult(new ListBlocksResponse { LatestHeight = state.Status.LatestHeight });

        public override Task<ValidatorsResponse> GetValidators(GetValidatorsRequest request, ServerCallContext context)
        {
            state.ValidatorRequests.Enqueue(request);
            return Task.FromResult(state.Validators);
        }

        public override Task<EvidenceResponse> GetEvidence(GetEvidenceRequest request, ServerCallContext context) => Task.FromResult(state.Evidence);

        public override Task<EntityResponse> GetEntity(GetEntityRequest request, ServerCallContext context) =>
            state.Entities.TryGetValue(request.Id, out var e)
                ? Task.FromResult(new EntityResponse { Entity = e, Height = state.Status.LatestHeight })
                : throw new RpcException(new Status(StatusCode.NotFound, $"no entity {request.Id} at height {state.Status.LatestHeight}"));

        /// <summary>With no controller, as the node lists them: newest first, the page token the id a page starts at.</summary>
        public override Task<ListEntitiesResponse> ListEntities(ListEntitiesRequest request, ServerCallContext context)
        {
            var ids = state.Entities.Keys.Where(id => request.PageToken.Length == 0 || id <= ulong.Parse(request.PageToken, System.Globalization.CultureInfo.InvariantCulture))
                .OrderDescending().ToList();
            var response = new ListEntitiesResponse { Height = state.Status.LatestHeight, LastId = state.Entities.Count == 0 ? 0 : state.Entities.Keys.Max() };
            response.Entities.Add(ids.Take((int)request.PageSize).Select(id => state.Entities[id]));
            if (ids.Count > (int)request.PageSize) response.NextPageToken = ids[(int)request.PageSize].ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.FromResult(response);
        }

        public override Task<ListCertificatesResponse> ListCertificates(ListCertificatesRequest request, ServerCallContext context)
        {
            var response = new ListCertificatesResponse { Height = state.Status.LatestHeight };
            response.Certificates.Add(state.CertificatesOf.GetValueOrDefault(request.Subject, []));
            return Task.FromResult(response);
        }

        public override Task<ListProvenanceRecordsResponse> ListProvenanceRecords(ListProvenanceRecordsRequest request, ServerCallContext context)
        {
            var response = new ListProvenanceRecordsResponse { Height = state.Status.LatestHeight };
            response.Records.Add(state.RecordsOf.GetValueOrDefault(request.EntityId, []));
            return Task.FromResult(response);
        }
    }
}
