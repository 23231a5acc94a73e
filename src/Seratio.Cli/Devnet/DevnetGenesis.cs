using Seratio.Core.Chain;

namespace Seratio.Cli.Devnet;

/// <summary>
/// The devnet genesis as derived from <see cref="DevnetKeys"/>. The committed genesis.json must
/// equal <see cref="Build"/> (a test checks it), so keys and file cannot drift apart. With <c>daf</c> the DAF's
/// account is the authority and the four dev accounts are its council (<see cref="DafGenesisSection"/>). Pure.
/// </summary>
internal static class DevnetGenesis
{
    public static Genesis Build(int validators = 1, bool daf = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(validators, 1);
        var validatorList = new List<GenesisValidator>();
        for (int i = 0; i < validators; i++)
        {
            using var key = DevnetKeys.Validator(i);
            validatorList.Add(new GenesisValidator { Name = DevnetKeys.ValidatorName(i), PublicKey = key.PublicKey.ToString(), Power = DevnetKeys.ValidatorPower });
        }
        var accounts = new List<GenesisAccount>();
        for (int i = 0; i < DevnetKeys.DevAccountCount; i++)
        {
            using var key = DevnetKeys.DevAccount(i);
            accounts.Add(new GenesisAccount { Name = DevnetKeys.DevAccountName(i), Address = key.Address.ToString(), Balance = DevnetKeys.DevAccountBalance.ToString() });
        }
        var genesis = new Genesis
        {
            ChainId = DevnetKeys.ChainId,
            GenesisTimeUnixMs = DevnetKeys.GenesisTimeUnixMs,
            Params = new ChainParams { MinGasPrice = 0, CheckpointInterval = DevnetKeys.CheckpointInterval },
            Validators = validatorList,
            Accounts = accounts,
            // dev-0 holds the authority on a local network, so validator and role changes can be tried out; with --daf
            // the DAF holds it and the dev accounts, its council, change things by proposals.
            Authority = daf ? GenesisDaf.DafAddress.ToString() : accounts[0].Address,
            Daf = daf ? DafGenesisSection.Council(accounts.Select(a => a.Address), devnet: true) : null,
            Anchor = Anchor(validators),
        };
        genesis.Validate();
        return genesis;
    }

    /// <summary>Every validator's anchor key (with its proof for this chain) and the two local anvils as targets.</summary>
    private static GenesisAnchor Anchor(int validators)
    {
        var keys = new List<GenesisAnchorKey>();
        for (int i = 0; i < validators; i++)
        {
            using var validator = DevnetKeys.Validator(i);
            var anchor = DevnetKeys.Anchor(i);
            var proof = Seratio.Vm.Modules.Anchor.AnchorKeyProof.Sign(anchor, validator.PublicKey.ToArray(), DevnetKeys.ChainId);
            keys.Add(new GenesisAnchorKey
            {
                ValidatorPublicKey = validator.PublicKey.ToString(),
                Address = Seratio.Vm.Modules.Anchor.AnchorCrypto.Hex(Seratio.Vm.Modules.Anchor.AnchorCrypto.AddressOf(anchor)),
                Proof = Convert.ToHexStringLower(proof),
            });
        }
        return new GenesisAnchor
        {
            Keys = keys,
            Targets =
            [
                new GenesisAnchorTarget { Name = "etc", EvmChainId = DevnetKeys.EtcChainId, Contract = DevnetKeys.AnvilContract },
                new GenesisAnchorTarget { Name = "eth", EvmChainId = DevnetKeys.EthChainId, Contract = DevnetKeys.AnvilContract },
            ],
        };
    }
}
