using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Portal.Tests.Explorer;

/// <summary>
/// A node on a loopback port holding a chain of <see cref="Height"/> blocks; block <see cref="TxBlock"/> carries one
/// transaction issuing a certificate to entity 1. It knows certificate 1, entity 1, class 1 and lot 1 (held by
/// <see cref="Holder"/>), answers NotFound for anything else as the real node does, counts the calls it gets, and lets a
/// test push blocks into open StreamBlocks calls or drop them all.
/// </summary>
public sealed class FakeExplorerNode : NodeApi.NodeApiBase
{
    public const ulong Height = 30, TxBlock = 5;
    public static readonly Address Proposer = new(Enumerable.Repeat((byte)7, Address.Size).ToArray());
    public static readonly Address Holder = new(Enumerable.Repeat((byte)9, Address.Size).ToArray());
    public static readonly byte[] ValidatorKey = Enumerable.Repeat((byte)1, 32).ToArray(), AbsentKey = Enumerable.Repeat((byte)2, 32).ToArray();

    private readonly List<Channel<BlockResponse>> _streams = [];
    private int _calls, _streamOpens;

    public int Calls => Volatile.Read(ref _calls);
    public int StreamOpens => Volatile.Read(ref _streamOpens);
    public int OpenStreams { get { lock (_streams) return _streams.Count; } }

    public static byte[] TxBytes { get; } = new Tx
    {
        Body = new TxBody
        {
            ChainId = "seratio-fake", Sender = Holder.ToByteString(), Nonce = 3, GasLimit = 100_000, GasPrice = 1,
            Msgs =
            {
                new Msg
                {
                    IssueCertificate = new MsgIssueCertificate
                    {
                        Subject = 1, SocialValue = "250000", FinancialValue = "100000", Scale = 2, SocialUnit = "GBP", Currency = "GBP",
                        MethodId = "sroi", MethodVersion = 1, EvidenceUri = "https://example.org/evidence", EvidenceHash = ByteString.CopyFrom(new byte[32]),
                    },
                },
            },
        }.ToByteString(),
        Signatures = { new TxSignature { PublicKey = ByteString.CopyFrom(new byte[32]), Signature = ByteString.CopyFrom(new byte[64]) } },
    }.ToByteArray();

    public static string TxHash => Hashing.Hash(Domains.Tx, Tx.Parser.ParseFrom(TxBytes).Body.Span).ToString();

    public static string HashHex(ulong height) => Convert.ToHexStringLower(HashOf(height).Span);

    private static ByteString HashOf(ulong height) => Hashing.Hash(Domains.Tx, BitConverter.GetBytes(height)).ToByteString();

    public static BlockResponse Block(ulong height)
    {
        var header = new BlockHeader
        {
            ChainId = "seratio-fake", Height = height, TimeUnixMs = 1_790_000_000_000 + (long)height * 1000, Proposer = Proposer.ToByteString(),
            ParentHash = height > 1 ? HashOf(height - 1) : ByteString.Empty, TxCount = height == TxBlock ? 1u : 0u,
        };
        var block = new Block { Header = header };
        if (height == TxBlock) block.Txs.Add(ByteString.CopyFrom(TxBytes));
        return new BlockResponse
        {
            Block = block, BlockHash = HashOf(height),
            Commit = new Commit { Height = height, BlockHash = HashOf(height), Signatures = { new CommitSig { Validator = ByteString.CopyFrom(ValidatorKey) } } },
        };
    }

    public static async Task<(WebApplication App, FakeExplorerNode Node, string Url)> StartAsync()
    {
        var node = new FakeExplorerNode();
        var (app, url) = await Support.FakeNodeHost.StartAsync(node);
        return (app, node, url);
    }

    private void Count() => Interlocked.Increment(ref _calls);

    private static RpcException NotFound(string what) => new(new Status(StatusCode.NotFound, $"{what} not found"));

    /// <summary>Sends block <paramref name="height"/> to every open StreamBlocks call.</summary>
    public void Push(ulong height)
    {
        lock (_streams) foreach (var s in _streams) s.Writer.TryWrite(Block(height));
    }

    /// <summary>Ends every open StreamBlocks call with Unavailable, as a node that restarts does.</summary>
    public void DropStreams()
    {
        lock (_streams) foreach (var s in _streams) s.Writer.TryComplete(new RpcException(new Status(StatusCode.Unavailable, "the node is stopping")));
    }

    public override async Task StreamBlocks(StreamBlocksRequest request, IServerStreamWriter<BlockResponse> responseStream, ServerCallContext context)
    {
        Interlocked.Increment(ref _streamOpens);
        var channel = Channel.CreateUnbounded<BlockResponse>();
        lock (_streams) _streams.Add(channel);
        try
        {
            await foreach (var block in channel.Reader.ReadAllAsync(context.CancellationToken))
                await responseStream.WriteAsync(block, context.CancellationToken);
        }
        finally
        {
            lock (_streams) _streams.Remove(channel);
        }
    }

    public override Task<NodeStatus> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        Count();
        return Task.FromResult(new NodeStatus { ChainId = "seratio-fake", LatestHeight = Height, LatestBlockHash = HashOf(Height), NodeVersion = "fake", LatestBlockTimeUnixMs = Block(Height).Block.Header.TimeUnixMs });
    }

    public override Task<ListBlocksResponse> ListBlocks(ListBlocksRequest request, ServerCallContext context)
    {
        Count();
        ulong top = request.Before == 0 ? Height : request.Before - 1;
        uint size = request.PageSize == 0 ? 20 : request.PageSize;
        var r = new ListBlocksResponse { LatestHeight = Height };
        ulong h = top;
        for (uint i = 0; i < size && h >= 1; i++, h--)
        {
            var b = Block(h);
            r.Blocks.Add(new BlockSummary { Height = h, Hash = b.BlockHash, TimeUnixMs = b.Block.Header.TimeUnixMs, Proposer = Proposer.ToString(), TxCount = b.Block.Header.TxCount });
        }
        r.NextBefore = h >= 1 ? h + 1 : 0;
        return Task.FromResult(r);
    }

    public override Task<BlockResponse> GetBlock(GetBlockRequest request, ServerCallContext context)
    {
        Count();
        if (request.SelectorCase == GetBlockRequest.SelectorOneofCase.Hash)
        {
            for (ulong h = 1; h <= Height; h++) if (HashOf(h) == request.Hash) return Task.FromResult(Block(h));
            throw NotFound("block hash");
        }
        ulong height = request.Height == 0 ? Height : request.Height;
        if (height > Height) throw new RpcException(new Status(StatusCode.OutOfRange, $"height {height} is above the latest height {Height}"));
        return Task.FromResult(Block(height));
    }

    public override Task<TxResponse> GetTx(GetTxRequest request, ServerCallContext context)
    {
        Count();
        if (Convert.ToHexStringLower(request.Hash.Span) != TxHash) throw NotFound("transaction");
        var receipt = new Receipt
        {
            Height = TxBlock, GasUsed = 40_000, Fee = "40000", TxHash = request.Hash,
            Events = { new Event { Type = "certificate_issued", Attributes = { new EventAttribute { Key = "certificate_id", Value = "1" }, new EventAttribute { Key = "issuer", Value = Holder.ToString() } } } },
        };
        return Task.FromResult(new TxResponse { Tx = ByteString.CopyFrom(TxBytes), Receipt = receipt, BlockHash = HashOf(TxBlock) });
    }

    public override Task<AccountResponse> GetAccount(GetAccountRequest request, ServerCallContext context)
    {
        Count();
        return Task.FromResult(new AccountResponse { Address = request.Address, Height = Height, Balance = "25000000", Nonce = 4 });
    }

    public override Task<MicroshareClassResponse> GetMicroshareClass(GetMicroshareClassRequest request, ServerCallContext context)
    {
        Count();
        if (request.Id != 1) throw NotFound($"class {request.Id}");
        return Task.FromResult(new MicroshareClassResponse { Class = new MicroshareClassState { Id = 1, Symbol = "WET", Name = "Wetland shares" }, Reserves = { new MicroshareReserve { Asset = "SER" } } });
    }

    public override Task<MicroshareHoldingsResponse> GetMicroshareHoldings(GetMicroshareHoldingsRequest request, ServerCallContext context)
    {
        Count();
        var r = new MicroshareHoldingsResponse { Address = request.Address, ClassId = request.ClassId, Height = Height };
        if (request.Address == Holder.ToString() && request.ClassId == 1)
        {
            r.Lots.Add(new HeldLot { LotId = 1, Units = "800", Flags = new LotFlags { OriginAsset = "SER", OriginAmount = "1000", CertificateId = 1 }, Status = new LotStatus() });
            r.TotalUnits = "800";
        }
        else r.TotalUnits = "0";
        return Task.FromResult(r);
    }

    public override Task<CertificateResponse> GetCertificate(GetCertificateRequest request, ServerCallContext context)
    {
        Count();
        return request.Id == 1 ? Task.FromResult(new CertificateResponse { Height = Height }) : throw NotFound($"certificate {request.Id}");
    }

    public override Task<EntityResponse> GetEntity(GetEntityRequest request, ServerCallContext context)
    {
        Count();
        return request.Id == 1 ? Task.FromResult(new EntityResponse { Height = Height }) : throw NotFound($"entity {request.Id}");
    }

    public override Task<LotResponse> GetLot(GetLotRequest request, ServerCallContext context)
    {
        Count();
        return request.Id == 1 ? Task.FromResult(new LotResponse { Height = Height }) : throw NotFound($"lot {request.Id}");
    }

    public override Task<ProvenanceRecordResponse> GetProvenanceRecord(GetProvenanceRecordRequest request, ServerCallContext context)
    {
        Count();
        throw NotFound($"record {request.Id}");
    }

    public override Task<ValidatorsResponse> GetValidators(GetValidatorsRequest request, ServerCallContext context)
    {
        Count();
        return Task.FromResult(new ValidatorsResponse
        {
            Height = Height + 1, TotalPower = 20,
            Validators =
            {
                new ValidatorInfo { Name = "validator-0", Address = Proposer.ToString(), Power = 10, PublicKey = ByteString.CopyFrom(ValidatorKey) },
                new ValidatorInfo { Name = "validator-1", Address = Holder.ToString(), Power = 10, PublicKey = ByteString.CopyFrom(AbsentKey) },
            },
        });
    }

    public override Task<ConsensusState> GetConsensusState(GetConsensusStateRequest request, ServerCallContext context)
    {
        Count();
        return Task.FromResult(new ConsensusState
        {
            Height = Height + 1, Round = 0, Step = ConsensusStep.Prevote, Proposer = Proposer.ToString(),
            Validators =
            {
                new ValidatorRoundState { Address = Proposer.ToString(), PublicKey = ByteString.CopyFrom(ValidatorKey), Power = 10, Proposer = true, Prevote = new RoundVote { Kind = RoundVoteKind.Block, BlockHash = HashOf(Height) } },
                new ValidatorRoundState { Address = Holder.ToString(), PublicKey = ByteString.CopyFrom(AbsentKey), Power = 10, Prevote = new RoundVote { Kind = RoundVoteKind.Nil } },
            },
        });
    }

    public override Task<EvidenceResponse> GetEvidence(GetEvidenceRequest request, ServerCallContext context)
    {
        Count();
        return Task.FromResult(new EvidenceResponse());
    }
}
