using System.Text.Json;
using Nethereum.Util;

namespace Seratio.Bridges.Contracts;

/// <summary>
/// The committed build of the anchor contract (bridges/contracts/out, written by build.mjs):
/// its deployable bytecode and the selectors of its custom errors. Immutable, thread safe.
/// </summary>
public sealed class AnchorArtifacts
{
    /// <summary>The contract's name, and the file stem of its artefacts.</summary>
    public const string ContractName = "SeratioAnchor";

    private readonly Dictionary<string, string> _errorsBySelector;

    private AnchorArtifacts(string byteCode, string abiJson, Dictionary<string, string> errorsBySelector)
    {
        ByteCode = byteCode;
        AbiJson = abiJson;
        _errorsBySelector = errorsBySelector;
    }

    /// <summary>The creation bytecode, hex without 0x.</summary>
    public string ByteCode { get; }

    /// <summary>The ABI as JSON.</summary>
    public string AbiJson { get; }

    /// <summary>Reads <c>SeratioAnchor.bin</c> and <c>SeratioAnchor.abi.json</c> from <paramref name="outFolder"/>.</summary>
    public static AnchorArtifacts Load(string outFolder)
    {
        ArgumentNullException.ThrowIfNull(outFolder);
        var bin = Path.Combine(outFolder, ContractName + ".bin");
        var abi = Path.Combine(outFolder, ContractName + ".abi.json");
        if (!File.Exists(bin) || !File.Exists(abi))
            throw new FileNotFoundException($"no {ContractName} artefacts in {outFolder}: run `node build.mjs` in bridges/contracts");
        var abiJson = File.ReadAllText(abi);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(abiJson))
        {
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.GetProperty("type").GetString() != "error") continue;
                var name = item.GetProperty("name").GetString()!;
                var types = item.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("type").GetString());
                var signature = $"{name}({string.Join(',', types)})";
                errors[Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash(System.Text.Encoding.ASCII.GetBytes(signature)).AsSpan(0, 4))] = name;
            }
        }
        return new AnchorArtifacts(File.ReadAllText(bin).Trim(), abiJson, errors);
    }

    /// <summary>The name of the custom error whose ABI encoding is <paramref name="revertData"/> (hex, with or without 0x); null when none matches.</summary>
    public string? ErrorName(string? revertData)
    {
        if (string.IsNullOrEmpty(revertData)) return null;
        var hex = revertData.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? revertData[2..] : revertData;
        if (hex.Length < 8) return null;
        return _errorsBySelector.GetValueOrDefault(hex[..8].ToLowerInvariant());
    }
}
