using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Protocol;

namespace Seratio.Cli.Modules;

/// <summary>
/// The options that describe a certificate (<c>cert issue</c> and <c>cert supersede</c>) and their
/// parsing into <see cref="MsgIssueCertificate"/>. Times are Unix milliseconds or ISO-8601 UTC
/// ("2026-01-01" or "2026-01-01T12:00:00Z"). The chain checks the rules; bad syntax here is a usage
/// error (exit 2). One instance per command.
/// </summary>
internal sealed class CertIssueOptions
{
    private readonly Option<ulong> _subject = new("--subject") { Description = "Entity id the certificate is about", Required = true };
    private readonly Option<string> _periodStart = new("--period-start") { Description = "Start of the reporting period (Unix ms or ISO-8601 UTC)", Required = true };
    private readonly Option<string> _periodEnd = new("--period-end") { Description = "End of the reporting period, exclusive (Unix ms or ISO-8601 UTC)", Required = true };
    private readonly Option<string> _social = new("--social-value") { Description = "Social value, an integer of 10^-scale units", Required = true };
    private readonly Option<string> _financial = new("--financial-value") { Description = "Financial value, an integer of 10^-scale units (at least 1)", Required = true };
    private readonly Option<uint> _scale = new("--scale") { Description = "Decimal places of both values, 0-18", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _socialUnit = new("--social-unit") { Description = "Unit of the social value, e.g. GBP or SVU", Required = true };
    private readonly Option<string> _currency = new("--currency") { Description = "Currency of the financial value, e.g. GBP", Required = true };
    private readonly Option<string> _method = new("--method") { Description = "Registered method id", Required = true };
    private readonly Option<uint> _methodVersion = new("--method-version") { Description = "The exact method version used", Required = true };
    private readonly Option<string> _evidenceUri = new("--evidence-uri") { Description = "Where the evidence lives", Required = true };
    private readonly Option<string> _evidenceHash = new("--evidence-hash") { Description = "SHA-256 of the evidence, 64 hex digits", Required = true };
    private readonly Option<string[]> _labels = new("--label") { Description = "Non-financial attribute, e.g. SDG:13 (repeat, at most 16)" };
    private readonly Option<string> _validUntil = new("--valid-until") { Description = "End of validity (Unix ms or ISO-8601 UTC); must be after the block time", Required = true };

    public Command AddTo(Command command)
    {
        foreach (var option in new Option[] { _subject, _periodStart, _periodEnd, _social, _financial, _scale, _socialUnit, _currency, _method, _methodVersion, _evidenceUri, _evidenceHash, _labels, _validUntil })
            command.Options.Add(option);
        return command;
    }

    public MsgIssueCertificate Parse(ParseResult parse)
    {
        var issue = new MsgIssueCertificate
        {
            Subject = parse.GetValue(_subject),
            PeriodStartUnixMs = Time(parse.GetValue(_periodStart)!, "--period-start"),
            PeriodEndUnixMs = Time(parse.GetValue(_periodEnd)!, "--period-end"),
            SocialValue = CliValues.BaseUnits(parse.GetValue(_social)!, "--social-value", allowZero: true),
            FinancialValue = CliValues.BaseUnits(parse.GetValue(_financial)!, "--financial-value"),
            Scale = parse.GetValue(_scale),
            SocialUnit = parse.GetValue(_socialUnit)!,
            Currency = parse.GetValue(_currency)!,
            MethodId = parse.GetValue(_method)!,
            MethodVersion = parse.GetValue(_methodVersion),
            EvidenceUri = parse.GetValue(_evidenceUri)!,
            EvidenceHash = CliValues.Hex(parse.GetValue(_evidenceHash)!, "--evidence-hash", 32),
            ValidUntilUnixMs = Time(parse.GetValue(_validUntil)!, "--valid-until"),
        };
        issue.Labels.Add(parse.GetValue(_labels) ?? []);
        if (issue.Subject == 0) throw CommandException.Usage("--subject must be an entity id (1, 2, ...)");
        if (issue.EvidenceHash.Length != 32) throw CommandException.Usage("--evidence-hash must be 64 hex digits");
        return issue;
    }

    /// <summary>Unix milliseconds, or an ISO-8601 date/time taken as UTC.</summary>
    public static long Time(string text, string what)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)) return ms;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time.ToUnixTimeMilliseconds();
        throw CommandException.Usage($"{what} '{text}' is neither Unix milliseconds nor an ISO-8601 time such as 2026-01-01T00:00:00Z");
    }
}
