using System.Buffers.Binary;
using Seratio.Consensus.Validators;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Tests.Validators;

public class ValidatorSetTests
{
    [Fact]
    public void Hash_IsSha256OfDomainAndSortedKeyPowerPairs()
    {
        var (set, keys) = TestValidators.Build(3, 5, 7);
        var sorted = keys.Select((k, i) => (Key: k.PublicKey.ToArray(), Power: new ulong[] { 3, 5, 7 }[i]))
            .OrderBy(v => v.Key, Core.Storage.ByteComparer.Instance).ToList();
        var bytes = new List<byte>(Domains.Validators.Tag);
        foreach (var (key, power) in sorted)
        {
            bytes.AddRange(key);
            var p = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(p, power);
            bytes.AddRange(p);
        }
        Assert.Equal(Hash32.Sha256(bytes.ToArray()), set.Hash);
    }

    [Fact]
    public void Hash_DoesNotDependOnInputOrder()
    {
        var (set, keys) = TestValidators.Build(3, 5, 7);
        var reversed = new ValidatorSet(set.Validators.Reverse());
        Assert.Equal(set.Hash, reversed.Hash);
        Assert.Equal(15UL, reversed.TotalPower);
        Assert.Equal(keys.Length, reversed.Count);
    }

    [Fact]
    public void Hash_ChangesWithPower()
    {
        Assert.NotEqual(TestValidators.Build(1, 2).Set.Hash, TestValidators.Build(1, 3).Set.Hash);
    }

    [Fact]
    public void Construct_WithDuplicateKey_Throws()
    {
        var key = TestValidators.Key(0).PublicKey;
        Assert.Throws<ArgumentException>(() => new ValidatorSet([new Validator(key, 1), new Validator(key, 2)]));
    }

    [Fact]
    public void Construct_WithZeroPower_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ValidatorSet([new Validator(TestValidators.Key(0).PublicKey, 0)]));
    }

    [Fact]
    public void FromGenesis_TakesKeysAndPowers()
    {
        var key = TestValidators.Key(1).PublicKey;
        var genesis = new Genesis
        {
            ChainId = "test",
            Validators = [new GenesisValidator { Name = "a", PublicKey = key.ToString(), Power = 10 }],
        };
        var set = ValidatorSet.FromGenesis(genesis);
        Assert.True(set.TryGetPower(key, out var power));
        Assert.Equal(10UL, power);
        Assert.False(set.Contains(TestValidators.Key(2).PublicKey));
    }

    [Theory]
    [InlineData(3, 2, false)]
    [InlineData(3, 3, true)]
    [InlineData(100, 66, false)]
    [InlineData(100, 67, true)]
    [InlineData(4, 3, true)]
    public void IsQuorum_NeedsMoreThanTwoThirds(ulong total, ulong power, bool expected)
    {
        var set = new ValidatorSet([new Validator(TestValidators.Key(0).PublicKey, total)]);
        Assert.Equal(expected, set.IsQuorum(power));
    }
}
