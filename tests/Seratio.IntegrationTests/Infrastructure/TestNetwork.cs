using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;

namespace Seratio.IntegrationTests.Infrastructure;

/// <summary>Throw-away keys and the genesis of the integration-test chain.</summary>
public static class TestNetwork
{
    public const string ChainId = "seratio-it-1";
    public const int FundedAccounts = 8;
    public static readonly Amount InitialBalance = Ser.Whole(1_000_000);

    public static SigningKey Validator => SigningKey.ForTesting("it/validator");
    public static SigningKey Account(int i) => SigningKey.ForTesting($"it/account-{i}");

    public static Genesis Genesis(ChainParams? parameters = null)
    {
        using var validator = Validator;
        var accounts = Enumerable.Range(0, FundedAccounts).Select(i =>
        {
            using var key = Account(i);
            return new GenesisAccount { Name = $"account-{i}", Address = key.Address.ToString(), Balance = InitialBalance.ToString() };
        }).ToList();
        return new Genesis
        {
            ChainId = ChainId,
            GenesisTimeUnixMs = 1_795_651_200_000,
            Params = parameters ?? new ChainParams(),
            Validators = [new GenesisValidator { Name = "validator-0", PublicKey = validator.PublicKey.ToString(), Power = 10 }],
            Accounts = accounts,
        };
    }

    public static Amount TotalSupply => new(InitialBalance.Value * FundedAccounts);
}
