using System.Reflection;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Core.Crypto;
using Seratio.Node.Chain;
using Seratio.Node.Api.Queries;
using Seratio.Node.Mempool;
using Seratio.Node.Mempool.Admission;
using Seratio.Protocol;

namespace Seratio.Node.Api;

/// <summary>
/// The public gRPC API (proto/seratio/v1/node_api.proto, docs/api.md). Every refusal is an
/// <see cref="RpcException"/> whose status says which kind of problem it is and whose message
/// says what to do. Stateless apart from its collaborators; thread safe.
/// </summary>
public sealed class NodeApiService : NodeApi.NodeApiBase
{
    private static readonly string Version =
        typeof(NodeApiService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly IChainReader _chain;
    private readonly TxPool _pool;
    private readonly ApiOptions _options;
    private readonly NodeIdentity _identity;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ModuleQueries _queries;
    private readonly BlockQueryService _blocks;
    private readonly Consensus.IConsensusStatus? _consensus;
    private readonly Consensus.State.ConsensusStateReader? _consensusState;
    private readonly CancellationToken _stopping;
    private readonly StreamLimiter _streams;

    /// <summary>How long GetConsensusState waits for the consensus loop to take its snapshot.</summary>
    public static readonly TimeSpan ConsensusStateTimeout = TimeSpan.FromSeconds(5);

    public NodeApiService(IChainReader chain, TxPool pool, IOptions<ApiOptions> options, NodeIdentity identity, TimeProvider time, ILogger<NodeApiService> logger,
        Consensus.IConsensusStatus? consensus = null, Consensus.State.ConsensusStateReader? consensusState = null,
        IHostApplicationLifetime? lifetime = null, StreamLimiter? streams = null, Storage.DiskSpaceGuard? disk = null)
    {
        _disk = disk;
        _streams = streams ?? new StreamLimiter(options, time);
        _stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
        _consensus = consensus;
        _consensusState = consensusState;
        _chain = chain;
        _pool = pool;
        _options = options.Value;
        _identity = identity;
        _time = time;
        _log = logger;
        _queries = new ModuleQueries(new QueryScope(chain));
        _blocks = new BlockQueryService(chain);
    }

    public override Task<NodeStatus> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        var head = _chain.Head;
        return Task.FromResult(new NodeStatus
        {
            ChainId = _chain.ChainId,
            LatestHeight = head.Height,
            LatestBlockHash = head.BlockHash.ToByteString(),
            LatestStateRoot = head.StateRoot.ToByteString(),
            LatestBlockTimeUnixMs = head.TimeUnixMs,
            MempoolSize = (uint)_pool.Count,
            NodeVersion = Version,
            ValidatorAddress = _identity.ValidatorAddress?.ToString() ?? "",
            GenesisHash = _chain.GenesisHash.ToByteString(),
            ConsensusHeight = _consensus?.Height ?? 0,
            ConsensusRound = _consensus?.Round ?? 0,
            Peers = (uint)(_consensus?.Peers ?? 0),
            EarliestStateHeight = _chain.EarliestStateHeight,
            EarliestBlockHeight = _chain.EarliestBlockHeight,
        });
    }

    public override Task<BlockResponse> GetBlock(GetBlockRequest request, ServerCallContext context) => Task.FromResult(_blocks.GetBlock(request));

    public override Task<ListBlocksResponse> ListBlocks(ListBlocksRequest request, ServerCallContext context) => Task.FromResult(_blocks.ListBlocks(request));

    public override async Task StreamBlocks(StreamBlocksRequest request, IServerStreamWriter<BlockResponse> responseStream, ServerCallContext context)
    {
        using var lease = OpenStream(context);
        using var call = Streaming(context);
        ulong resumeAt = request.FromHeight;
        try
        {
            await foreach (var block in BlockFeed.From(_chain, request.FromHeight, lease, call.Token).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(block.ToResponse(), call.Token).ConfigureAwait(false);
                resumeAt = block.Height + 1;
            }
        }
        catch (OperationCanceledException) when (Stopped(context))
        {
            throw NodeStopping();
        }
        catch (SubscriberTooSlowException)
        {
            throw TooSlow(resumeAt);
        }
    }

    /// <summary>A place for one more stream of this call's client, or ResourceExhausted naming the limit that is full.</summary>
    private StreamLease OpenStream(ServerCallContext context)
    {
        var lease = _streams.TryOpen(ClientAddress.Of(context), out var refusal);
        if (lease is not null) return lease;
        throw new RpcException(new Status(StatusCode.ResourceExhausted, refusal == StreamRefusal.PerClient
            ? $"at most {_streams.MaxStreamsPerClient} concurrent streams per client (Api:MaxStreamsPerClient); close one and retry"
            : $"this node serves at most {_streams.MaxStreams} concurrent streams (Api:MaxStreams); retry later or use another node"));
    }

    private static RpcException TooSlow(ulong resumeAt) => new(new Status(StatusCode.ResourceExhausted,
        $"this stream read too slowly and fell a full live queue behind the chain, so the node closed it; read faster, or reconnect with from_height {resumeAt}"));

    /// <summary>
    /// A stream's token: the call's, cancelled too when the node starts stopping, so the server's graceful
    /// shutdown does not wait for streams that never end, and every stream has left the chain store before
    /// the host stops its services and closes it.
    /// </summary>
    private CancellationTokenSource Streaming(ServerCallContext context) =>
        CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping);

    private bool Stopped(ServerCallContext context) => _stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested;

    private static RpcException NodeStopping() => new(new Status(StatusCode.Unavailable,
        "the node is stopping; reconnect (to it once restarted, or to another node) and resume from the height after the last one received"));

    public override async Task<SubmitTxResponse> SubmitTx(SubmitTxRequest request, ServerCallContext context)
    {
        if (request.Tx.IsEmpty) throw ApiErrors.Invalid("tx is empty; put the encoded seratio.v1.Tx (body and signature) in field tx");
        RefuseWhenDiskLow();
        switch (request.Mode)
        {
            case SubmitMode.Admit:
                var admitted = _pool.Admit(request.Tx.Memory);
                if (!admitted.IsAccepted) throw AdmitStatus.ToException(admitted);
                return new SubmitTxResponse { TxHash = admitted.TxHash.ToByteString() };
            case SubmitMode.Commit:
                return await SubmitAndWait(request, context.CancellationToken).ConfigureAwait(false);
            default:
                throw ApiErrors.Invalid($"mode {(int)request.Mode} is unknown; use SUBMIT_MODE_ADMIT (0) or SUBMIT_MODE_COMMIT (1)");
        }
    }

    private readonly Storage.DiskSpaceGuard? _disk;

    /// <summary>A node whose disk is nearly full takes no new transactions (docs/operations.md, "Disk").</summary>
    private void RefuseWhenDiskLow()
    {
        if (_disk is { RefusesTransactions: true } disk) throw new RpcException(new Status(StatusCode.ResourceExhausted, disk.RefusalMessage));
    }

    /// <summary>Most transactions in one SubmitTxBatch call.</summary>
    public const int MaxBatchTxs = 10_000;

    public override async Task<SubmitTxBatchResponse> SubmitTxBatch(SubmitTxBatchRequest request, ServerCallContext context)
    {
        if (request.Txs.Count == 0) throw ApiErrors.Invalid("txs is empty; put one encoded seratio.v1.Tx (body and signature) per entry");
        RefuseWhenDiskLow();
        if (request.Txs.Count > MaxBatchTxs)
            throw ApiErrors.Invalid($"txs holds {request.Txs.Count} transactions; send at most {MaxBatchTxs} per call");
        var bytes = new ReadOnlyMemory<byte>[request.Txs.Count];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = request.Txs[i].Memory;
        var admitted = await _pool.AdmitBatchAsync(bytes, context.CancellationToken).ConfigureAwait(false);
        var response = new SubmitTxBatchResponse();
        for (int i = 0; i < admitted.Length; i++)
        {
            var result = admitted[i];
            if (bytes[i].IsEmpty)
                result = AdmitResult.Reject(AdmitOutcome.Malformed, $"txs[{i}] is empty; put the encoded seratio.v1.Tx (body and signature) there");
            response.Results.Add(new SubmitTxResult
            {
                TxHash = result.TxHash == default ? Google.Protobuf.ByteString.Empty : result.TxHash.ToByteString(),
                Code = (uint)AdmitStatus.CodeOf(result.Outcome),
                Outcome = result.Outcome.ToString(),
                Reason = result.Reason,
            });
        }
        return response;
    }

    private async Task<SubmitTxResponse> SubmitAndWait(SubmitTxRequest request, CancellationToken callCancelled)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.CommitTimeoutMs), _time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(callCancelled, timeout.Token);
        // Subscribe before admitting: a block that commits in between is not missed.
        var blocks = _chain.Subscribe(wait.Token);
        try
        {
            var admitted = _pool.Admit(request.Tx.Memory);
            if (!admitted.IsAccepted) throw AdmitStatus.ToException(admitted);
            return await WaitForBlock(blocks, admitted.TxHash, timeout, callCancelled, wait.Token).ConfigureAwait(false);
        }
        finally
        {
            await wait.CancelAsync().ConfigureAwait(false); // ends the subscription
        }
    }

    private async Task<SubmitTxResponse> WaitForBlock(System.Threading.Channels.ChannelReader<CommittedBlock> blocks, Hash32 hash,
        CancellationTokenSource timeout, CancellationToken callCancelled, CancellationToken wait)
    {
        try
        {
            await foreach (var block in blocks.ReadAllAsync(wait).ConfigureAwait(false))
            {
                for (int i = 0; i < block.Txs.Count; i++)
                {
                    if (block.Txs[i].Hash != hash) continue;
                    var response = new SubmitTxResponse { TxHash = hash.ToByteString() };
                    if (i < block.Receipts.Count) response.Receipt = block.Receipts[i];
                    return response;
                }
                // Neither pending nor committed: the pool dropped it after a block changed its
                // sender's state. (Included in a later block → GetTx finds it, so keep waiting.)
                if (!_pool.Contains(hash) && _chain.GetTx(hash) is null)
                    throw new RpcException(new Status(StatusCode.FailedPrecondition,
                        $"transaction {hash} was dropped from the mempool by block {block.Height}: its nonce was used by another transaction, its sender can no longer pay, or it expired. Check GetAccount and submit a new transaction"),
                        new Metadata { { AdmitStatus.OutcomeTrailer, "Dropped" } });
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !callCancelled.IsCancellationRequested)
        {
            ApiLog.CommitTimedOut(_log, hash, _options.CommitTimeoutMs);
            throw new RpcException(new Status(StatusCode.DeadlineExceeded,
                $"transaction {hash} was admitted but not committed within {_options.CommitTimeoutMs} ms; it may still commit: poll GetTx with this hash"));
        }
        callCancelled.ThrowIfCancellationRequested();
        throw new RpcException(new Status(StatusCode.Unavailable,
            $"the node is stopping; transaction {hash} was admitted and may still commit: poll GetTx with this hash on any node"));
    }

    public override Task<TxResponse> GetTx(GetTxRequest request, ServerCallContext context)
    {
        var hash = ApiErrors.RequireHash(request.Hash, "hash");
        var record = _chain.GetTx(hash);
        if (record is null)
        {
            var hint = _pool.Contains(hash) ? "it is pending in this node's mempool; retry after the next block"
                : _chain.EarliestBlockHeight > 1
                    ? $"this node keeps blocks from height {_chain.EarliestBlockHeight} (Storage:KeepBlocks={_chain.Retention.KeepBlocks}): an older transaction was pruned here, ask an archive node; else check the hash"
                    : "check the hash, or submit the transaction";
            throw ApiErrors.NotFound($"no committed transaction {hash}; {hint}");
        }
        return Task.FromResult(new TxResponse
        {
            Tx = Google.Protobuf.ByteString.CopyFrom(record.Tx),
            Receipt = record.Receipt,
            BlockHash = record.BlockHash.ToByteString(),
        });
    }

    public override async Task StreamEvents(StreamEventsRequest request, IServerStreamWriter<EventEnvelope> responseStream, ServerCallContext context)
    {
        var filter = EventFilter.From(request);
        using var lease = OpenStream(context);
        using var call = Streaming(context);
        ulong resumeAt = request.FromHeight;
        try
        {
            await foreach (var block in BlockFeed.From(_chain, request.FromHeight, lease, call.Token).ConfigureAwait(false))
            {
                foreach (var (txHash, receipt) in block.Receipts(_chain))
                    foreach (var e in receipt.Events)
                    {
                        if (!filter.Matches(e)) continue;
                        var envelope = new EventEnvelope { Height = block.Height, TxHash = txHash.ToByteString(), Event = e };
                        await responseStream.WriteAsync(envelope, call.Token).ConfigureAwait(false);
                    }
                // The block's end (the exchange's batches) after its transactions, with no tx hash.
                foreach (var e in BlockEndEvents.Of(_chain, block.Height))
                {
                    if (!filter.Matches(e)) continue;
                    await responseStream.WriteAsync(new EventEnvelope { Height = block.Height, Event = e }, call.Token).ConfigureAwait(false);
                }
                resumeAt = block.Height + 1;
            }
        }
        catch (OperationCanceledException) when (Stopped(context))
        {
            throw NodeStopping();
        }
        catch (SubscriberTooSlowException)
        {
            throw TooSlow(resumeAt);
        }
    }

    public override async Task<ConsensusState> GetConsensusState(GetConsensusStateRequest request, ServerCallContext context)
    {
        if (_consensusState is null)
            throw new RpcException(new Status(StatusCode.Unimplemented, "this node serves no consensus state; ask a node started with `seratio node start` or seratio-node"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(ConsensusStateTimeout);
        try
        {
            return ConsensusStateMapping.ToProto(await _consensusState.ReadAsync(timeout.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"the consensus loop did not answer within {ConsensusStateTimeout.TotalSeconds:0} s (executing a large block, or stopping); retry"));
        }
    }

    // The modules' queries: each RPC delegates to its module's query service (Queries/, registered in
    // Queries/ModuleQueries.cs), which owns its checks, messages and paging.
    public override Task<AccountResponse> GetAccount(GetAccountRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Accounts.GetAccount(request));

    public override Task<MultisigAccountResponse> GetMultisigAccount(GetMultisigAccountRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Multisig.GetMultisigAccount(request));

    public override Task<ValidatorsResponse> GetValidators(GetValidatorsRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Validators.Validators(request));

    public override Task<EvidenceResponse> GetEvidence(GetEvidenceRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Validators.Evidence(request));

    public override Task<MethodResponse> GetMethod(GetMethodRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Certificates.GetMethod(request));

    public override Task<CertificateResponse> GetCertificate(GetCertificateRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Certificates.GetCertificate(request));

    public override Task<ListCertificatesResponse> ListCertificates(ListCertificatesRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Certificates.ListCertificates(request));

    public override Task<ProvenanceRecordResponse> GetProvenanceRecord(GetProvenanceRecordRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Provenance.GetRecord(request));

    public override Task<ProvenanceLineageResponse> GetProvenanceLineage(GetProvenanceLineageRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Provenance.GetLineage(request));

    public override Task<ListProvenanceRecordsResponse> ListProvenanceRecords(ListProvenanceRecordsRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Provenance.List(request));

    public override Task<MicroshareClassResponse> GetMicroshareClass(GetMicroshareClassRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Microshares.GetClass(request));

    public override Task<LotResponse> GetLot(GetLotRequest request, ServerCallContext context) => Task.FromResult(_queries.Microshares.GetLot(request));

    public override Task<MicroshareHoldingsResponse> GetMicroshareHoldings(GetMicroshareHoldingsRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Microshares.GetHoldings(request));

    public override Task<MicroshareTotalsResponse> GetMicroshareTotals(GetMicroshareTotalsRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Microshares.GetTotals(request));

    public override Task<LotLineageResponse> GetLotLineage(GetLotLineageRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Microshares.GetLineage(request));

    public override Task<CheckpointResponse> GetCheckpoint(GetCheckpointRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Anchor.GetCheckpoint(request));

    public override Task<ListCheckpointsResponse> ListCheckpoints(ListCheckpointsRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Anchor.List(request));

    public override Task<RolesResponse> GetRoles(GetRolesRequest request, ServerCallContext context) => Task.FromResult(_queries.Roles.GetRoles(request));

    public override Task<EntityResponse> GetEntity(GetEntityRequest request, ServerCallContext context) => Task.FromResult(_queries.Entities.GetEntity(request));

    public override Task<ListEntitiesResponse> ListEntities(ListEntitiesRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Entities.ListEntities(request));

    public override Task<AssetResponse> GetAsset(GetAssetRequest request, ServerCallContext context) => Task.FromResult(_queries.Altcoins.GetAsset(request));

    public override Task<AssetBalanceResponse> GetAssetBalance(GetAssetBalanceRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Altcoins.GetAssetBalance(request));

    public override Task<AllowanceResponse> GetAllowance(GetAllowanceRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Altcoins.GetAllowance(request));

    public override Task<MarketResponse> GetMarket(GetMarketRequest request, ServerCallContext context) => Task.FromResult(_queries.Exchange.GetMarket(request));

    public override Task<ListMarketsResponse> ListMarkets(ListMarketsRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Exchange.ListMarkets(request));

    public override Task<OrderBookResponse> GetOrderBook(GetOrderBookRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Exchange.GetOrderBook(request));

    public override Task<OrderResponse> GetOrder(GetOrderRequest request, ServerCallContext context) => Task.FromResult(_queries.Exchange.GetOrder(request));

    public override Task<ListOrdersResponse> ListOrders(ListOrdersRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Exchange.ListOrders(request));

    public override Task<ListTradesResponse> ListTrades(ListTradesRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Exchange.ListTrades(request));

    public override Task<ProposalResponse> GetProposal(GetProposalRequest request, ServerCallContext context) => Task.FromResult(_queries.Daf.GetProposal(request));

    public override Task<ListProposalsResponse> ListProposals(ListProposalsRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Daf.ListProposals(request));

    public override Task<VoteResponse> GetVote(GetVoteRequest request, ServerCallContext context) => Task.FromResult(_queries.Daf.GetVote(request));

    public override Task<ListVotesResponse> ListVotes(ListVotesRequest request, ServerCallContext context) => Task.FromResult(_queries.Daf.ListVotes(request));

    public override Task<DafParamsResponse> GetDafParams(GetDafParamsRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Daf.GetDafParams(request));

    public override Task<MembersResponse> GetMembers(GetMembersRequest request, ServerCallContext context) => Task.FromResult(_queries.Daf.GetMembers(request));

    public override Task<TreasuryResponse> GetTreasury(GetTreasuryRequest request, ServerCallContext context) => Task.FromResult(_queries.Daf.GetTreasury(request));

    public override Task<GrantResponse> GetGrant(GetGrantRequest request, ServerCallContext context) => Task.FromResult(_queries.Grants.GetGrant(request));

    public override Task<ListGrantsResponse> ListGrants(ListGrantsRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Grants.ListGrants(request));

    public override Task<GrantStakeResponse> GetGrantStake(GetGrantStakeRequest request, ServerCallContext context) =>
        Task.FromResult(_queries.Grants.GetGrantStake(request));
}
