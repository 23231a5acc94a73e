using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.Validators;
using Seratio.Node.Chain;
using Seratio.Node.Mempool.Admission;
using Seratio.Node.Validators;
using Seratio.Protocol;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The queries of the validators module, GetValidators and GetEvidence (docs/api.md): validator sets by
/// height and committed evidence, read from committed state. Refusals are <see cref="Grpc.Core.RpcException"/>s
/// from <see cref="ApiErrors"/>. Stateless apart from the scope; thread safe.
/// </summary>
internal sealed class ValidatorQueryService(QueryScope scope)
{
    public const uint DefaultLimit = 100;
    public const uint MaxLimit = 1000;

    public ValidatorsResponse Validators(GetValidatorsRequest request)
    {
        var chain = scope.Chain;
        ulong head = chain.Head.Height;
        ulong height = request.Height == 0 ? head + 1 : request.Height;
        if (height > head + 1)
            throw ApiErrors.OutOfRange($"height {height} is above {head + 1}, the highest height whose validators are known (latest height + 1); ask for at most {head + 1}, or 0");
        var sets = new ValidatorSets(chain);
        var set = sets.Describe(height);
        var response = new ValidatorsResponse { Height = height, ValidatorsHash = ValidatorSetCodec.Hash(set).ToByteString() };
        ulong total = 0;
        foreach (var v in set.Validators)
        {
            response.Validators.Add(Info(v));
            total += v.Power;
        }
        response.TotalPower = total;
        foreach (var v in sets.DescribeNext(height).Validators) response.Pending.Add(Info(v));
        response.Jailed.Add(sets.JailedAt(height - 1).Validators);
        if (request.Prove && height >= 2)
        {
            var proof = chain.Prove(ValidatorKeys.Next(), height - 1);
            if (proof.Exists) response.Proof = proof;
        }
        return response;
    }

    public EvidenceResponse Evidence(GetEvidenceRequest request)
    {
        var chain = scope.Chain;
        var state = new ReadOnlyStateView(new ChainStateReader(chain, chain.Head.Height));
        var response = new EvidenceResponse();
        if (request.SelectorCase == GetEvidenceRequest.SelectorOneofCase.Hash)
        {
            var hash = ApiErrors.RequireHash(request.Hash, "hash");
            var record = ValidatorStore.ReadEvidence(state, hash)
                ?? throw ApiErrors.NotFound($"no committed evidence {hash}; check the hash, or list all evidence with an empty request");
            response.Evidence.Add(record);
            response.Total = 1;
            return response;
        }
        ByteString? validator = null;
        if (request.SelectorCase == GetEvidenceRequest.SelectorOneofCase.Validator)
        {
            if (request.Validator.Length != PublicKey.Size)
                throw ApiErrors.Invalid($"validator must be a {PublicKey.Size}-byte Ed25519 public key, got {request.Validator.Length} bytes");
            validator = request.Validator;
        }
        if (request.Limit > MaxLimit) throw ApiErrors.Invalid($"limit {request.Limit} is above {MaxLimit}; page with offset");
        uint limit = request.Limit == 0 ? DefaultLimit : request.Limit;
        ulong count = ValidatorStore.ReadEvidenceCount(state);
        ulong matched = 0;
        for (ulong i = 0; i < count; i++)
        {
            var hashBytes = state.Get(ValidatorKeys.EvidenceBySequence(i)) ?? throw new InvalidDataException($"evidence sequence {i} of {count} is missing from state");
            var record = ValidatorStore.ReadEvidence(state, new Hash32(hashBytes))
                ?? throw new InvalidDataException($"evidence {new Hash32(hashBytes)} is listed but not stored");
            if (validator is not null && !record.Validator.Equals(validator)) continue;
            if (matched >= request.Offset && (ulong)response.Evidence.Count < limit) response.Evidence.Add(record);
            matched++;
        }
        response.Total = matched;
        return response;
    }

    private static ValidatorInfo Info(ValidatorEntry v) => new()
    {
        PublicKey = v.PublicKey,
        Address = new PublicKey(v.PublicKey.Span).ToAddress().ToString(),
        Power = v.Power,
        Name = v.Name,
    };
}
