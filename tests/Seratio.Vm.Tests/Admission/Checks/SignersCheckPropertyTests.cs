using CsCheck;
using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Admission.Checks;
using Seratio.Vm.Tests.Support;
using Xunit.Abstractions;

namespace Seratio.Vm.Tests.Admission.Checks;

/// <summary>
/// The signer check against a model, over thousands of random organisation accounts and signature sets (with
/// duplicates, outsiders and any order): accepted exactly when every key is listed and the distinct listed keys
/// reach the threshold; otherwise the reason names every outsider, or the count and every unsigned key.
/// </summary>
public sealed class SignersCheckPropertyTests(ITestOutputHelper output)
{
    private const string Seed = "7hQx2mRsK9Lb";
    private static readonly PublicKey[] Pool = [.. Enumerable.Range(0, 24).Select(i => TestKeys.Key($"prop-k{i}").PublicKey)];
    private static readonly Core.Addressing.Address Org = Vm.Modules.Organisations.Multisig.AddressFor(Contexts.SomeHash, 9);
    private static readonly SignersCheck Check = new();

    // Keys: the first n of a shuffled pool; signers: indices into the pool (listed or not), 1..16, repeats allowed.
    private static readonly Gen<(int[] Order, int N, uint K, int[] Signers)> GenCase =
        from order in Gen.Shuffle(Enumerable.Range(0, Pool.Length).ToArray())
        from n in Gen.Int[1, 16]
        from k in Gen.Int[1, n]
        from signers in Gen.Frequency((3, Gen.Int[0, n - 1]), (1, Gen.Int[0, Pool.Length - 1])).Array[1, 16]
        select (order, n, (uint)k, signers);

    [Fact]
    public void TheCheck_AgreesWithTheModel()
    {
        GenCase.Sample(c =>
        {
            var listed = c.Order[..c.N].Select(i => Pool[i]).ToArray();
            var signers = c.Signers.Select(i => Pool[c.Order[i]]).ToArray();
            var account = new MultisigAccountState { Address = Org.ToByteString(), Threshold = c.K };
            foreach (var key in listed.Select(k => k.ToByteString()).OrderBy(b => Convert.ToHexString(b.Span), StringComparer.Ordinal)) account.PublicKeys.Add(key);

            var result = Check.Check(Envelope(signers), Contexts.Admission(sender: Contexts.Sender(0, default) with { Organisation = account }));

            var outsiders = signers.Where(s => !listed.Contains(s)).Distinct().ToArray();
            int distinct = signers.Where(listed.Contains).Distinct().Count();
            if (outsiders.Length > 0)
                return result.Outcome == TxCheckOutcome.SignaturesMissing && outsiders.All(o => result.Reason.Contains(o.ToString(), StringComparison.Ordinal));
            if (distinct >= c.K) return result.IsAccepted;
            var unsigned = listed.Where(l => !signers.Contains(l));
            return result.Outcome == TxCheckOutcome.SignaturesMissing
                && result.Reason.Contains($"needs {c.K} signatures of its {c.N} keys, has {distinct}", StringComparison.Ordinal)
                && unsigned.All(u => result.Reason.Contains(u.ToString(), StringComparison.Ordinal));
        }, seed: Seed, iter: 4000, threads: 1, writeLine: output.WriteLine);
    }

    /// <summary>A transaction from the organisation with one (unverified: the signer check never verifies) signature per key.</summary>
    private static SignedTx Envelope(PublicKey[] signers)
    {
        var body = new TxBody { ChainId = TxBuilder.ChainId, Sender = Org.ToByteString(), GasLimit = 100_000 };
        body.Msgs.Add(OrgTxs.Transfer("bob", 1));
        var tx = new Tx { Body = body.ToByteString() };
        foreach (var key in signers) tx.Signatures.Add(new TxSignature { PublicKey = key.ToByteString(), Signature = ByteString.CopyFrom(new byte[Ed25519.SignatureSize]) });
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(tx.ToByteArray(), TxBuilder.ChainId, 1 << 20, out var signed, out var reason));
        return signed!;
    }
}
