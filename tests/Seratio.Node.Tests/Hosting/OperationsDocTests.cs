using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Seratio.Node.Tests.Hosting;

/// <summary>
/// docs/operations.md states every numeric setting of the node's options classes (each class with a <c>Section</c>
/// constant, and the options objects of its lists, as <c>Relayers:Targets:N:Name</c>) in a table row, with the default
/// the code has, so the limits tables cannot drift from the code.
/// </summary>
public sealed class OperationsDocTests
{
    private static readonly string[] Rows = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"))
        .Where(l => l.StartsWith('|')).ToArray();

    /// <summary>Every options class of the node: public, named *Options, with a public const string Section.</summary>
    public static TheoryData<string> OptionsClasses()
    {
        var data = new TheoryData<string>();
        foreach (var type in OptionsTypes()) data.Add(type.FullName!);
        return data;
    }

    private static IEnumerable<Type> OptionsTypes() => typeof(Seratio.Node.Hosting.NodeHost).Assembly.GetExportedTypes()
        .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && SectionOf(t) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static string? SectionOf(Type type) =>
        type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? (string?)field.GetRawConstantValue() : null;

    [Fact]
    public void TheOptionsClassesFound_IncludeTheKnownOnes()
    {
        var names = OptionsTypes().Select(t => t.Name).ToHashSet();
        foreach (var known in new[] { "ApiOptions", "MempoolOptions", "ConsensusOptions", "P2POptions", "StorageOptions", "ConnectionLimitsOptions" })
            Assert.Contains(known, names);
    }

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void EveryNumericSetting_HasARowWithItsDefault(string typeName)
    {
        var type = typeof(Seratio.Node.Hosting.NodeHost).Assembly.GetType(typeName)!;
        string section = SectionOf(type)!;
        var missing = new List<string>();
        Check(type, section, missing);
        // A list of settings objects (Relayers:Targets) is documented once, with N for the index: `Relayers:Targets:N:GasLimit`.
        foreach (var list in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(List<>)
                                 && p.PropertyType.GetGenericArguments()[0].Name.EndsWith("Options", StringComparison.Ordinal)))
            Check(list.PropertyType.GetGenericArguments()[0], $"{section}:{list.Name}:N", missing);
        Assert.True(missing.Count == 0, "docs/operations.md:\n" + string.Join("\n", missing));
    }

    private static void Check(Type type, string section, List<string> missing)
    {
        var defaults = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsNumeric(p.PropertyType)))
        {
            string setting = $"`{section}:{property.Name}`";
            var row = Rows.FirstOrDefault(r => r.Split('|', StringSplitOptions.TrimEntries).ElementAtOrDefault(1)?.Equals(setting, StringComparison.Ordinal) == true);
            if (row is null)
            {
                missing.Add($"{setting}: no table row whose first cell is {setting}");
                continue;
            }
            if (property.GetValue(defaults) is not { } value) continue; // a computed default (e.g. 10 % of another), stated in words
            var defaultCell = row.Split('|', StringSplitOptions.TrimEntries)[2];
            var first = Regex.Match(defaultCell.Replace(",", "", StringComparison.Ordinal), @"\d+");
            string expected = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            if (!first.Success || first.Value != expected)
                missing.Add($"{setting}: the row's default '{defaultCell}' does not start with the code's default {expected}");
        }
    }

    private static bool IsNumeric(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) || type == typeof(uint) || type == typeof(ulong);
    }
}
