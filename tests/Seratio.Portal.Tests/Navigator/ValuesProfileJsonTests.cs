using Seratio.Client.Values;

namespace Seratio.Portal.Tests.Navigator;

/// <summary>A profile's JSON: the canonical form, its defaults, and each bad document refused with a sentence naming what is wrong.</summary>
public sealed class ValuesProfileJsonTests
{
    [Fact]
    public void Parse_ThenSerialize_GivesTheCanonicalForm()
    {
        var result = ValuesProfileJson.Parse("""{ "minRatio": 1.50, "labels": { "sdg:6": 3, "SDG:13": 5 }, "provenanceWeight": 2 }""");

        Assert.Null(result.Error);
        Assert.Equal("""{"labels":{"SDG:13":5,"sdg:6":3},"minRatio":"1.5","certificateWeight":1,"provenanceWeight":2,"maxProvenanceDepth":4}""",
            ValuesProfileJson.Serialize(result.Profile!));
        Assert.Equal(15 * Build.One / 10, result.Profile!.MinRatio);
        Assert.Equal(5, result.Profile.WeightOf("sdg:13"));
    }

    [Fact]
    public void AnEmptyObject_IsTheDefaultProfile()
    {
        var profile = ValuesProfileJson.Parse("{}").Profile!;
        Assert.Equal(ValuesProfileJson.Serialize(ValuesProfile.Empty), ValuesProfileJson.Serialize(profile));
    }

    [Theory]
    [InlineData("", "the profile is not JSON")]
    [InlineData("[1]", "the profile must be a JSON object")]
    [InlineData("""{"label":{}}""", "unknown field 'label'; a profile has labels, minRatio, certificateWeight, provenanceWeight, maxProvenanceDepth")]
    [InlineData("""{"labels":[]}""", "labels must be an object of label to weight")]
    [InlineData("""{"labels":{"sdg:13":101}}""", "label 'sdg:13' has weight 101; weights are whole numbers 0-100")]
    [InlineData("""{"labels":{"sdg:13":-1}}""", "label 'sdg:13' has weight -1; weights are whole numbers 0-100")]
    [InlineData("""{"labels":{"sdg:13":2.5}}""", "the weight of label 'sdg:13' must be a whole number, not 2.5")]
    [InlineData("""{"labels":{"sdg:13":"5"}}""", "the weight of label 'sdg:13' must be a whole number, not \"5\"")]
    [InlineData("""{"labels":{"sdg 13":5}}""", "label 'sdg 13' contains ' '; labels are letters, digits and . _ : / -")]
    [InlineData("""{"labels":{"":5}}""", "label '' must be 1-64 characters")]
    [InlineData("""{"labels":{"sdg:13":5,"SDG:13":1}}""", "label 'SDG:13' is listed twice (labels are compared ignoring case)")]
    [InlineData("""{"minRatio":"-1"}""", "minRatio '-1' is not a number like 1 or 1.5")]
    [InlineData("""{"minRatio":1e3}""", "minRatio '1e3' is not a number like 1 or 1.5")]
    [InlineData("""{"minRatio":"0.0000000000000000001"}""", "minRatio '0.0000000000000000001' has 19 decimal places; the chain keeps ratios to 18")]
    [InlineData("""{"minRatio":true}""", "minRatio must be a number or a string")]
    [InlineData("""{"certificateWeight":1000}""", "certificateWeight 1000 is out of range; weights are whole numbers 0-100")]
    [InlineData("""{"provenanceWeight":-2}""", "provenanceWeight -2 is out of range")]
    [InlineData("""{"maxProvenanceDepth":0}""", "maxProvenanceDepth 0 is out of range; use 1-16")]
    [InlineData("""{"maxProvenanceDepth":17}""", "maxProvenanceDepth 17 is out of range; use 1-16")]
    [InlineData("""{"certificateWeight":1,"certificateWeight":2}""", "field 'certificateWeight' is given twice")]
    public void ABadProfile_IsRefusedWithASentenceNamingTheProblem(string json, string error)
    {
        var result = ValuesProfileJson.Parse(json);
        Assert.Null(result.Profile);
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreLabelsThanTheBound_AreRefused()
    {
        var labels = string.Join(',', Enumerable.Range(1, ValuesProfile.MaxLabels + 1).Select(i => $"\"l{i}\":1"));
        Assert.Equal("more than 32 labels given; a profile weighs at most 32", ValuesProfileJson.Parse($"{{\"labels\":{{{labels}}}}}").Error);
        var atBound = string.Join(',', Enumerable.Range(1, ValuesProfile.MaxLabels).Select(i => $"\"l{i}\":1"));
        Assert.Null(ValuesProfileJson.Parse($"{{\"labels\":{{{atBound}}}}}").Error);
    }

    [Fact]
    public void ADocumentLargerThanTheBound_IsRefusedBeforeParsing()
    {
        var json = "{\"labels\":{}" + new string(' ', ValuesProfileJson.MaxBytes) + "}";
        Assert.StartsWith($"the profile is {json.Length} bytes; at most 16384", ValuesProfileJson.Parse(json).Error, StringComparison.Ordinal);
    }
}
