using System.Globalization;
using System.Text;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>Event types and attribute helpers of the microshare module. Pure; thread safe.</summary>
internal static class MicroshareEvents
{
    public const string ClassCreated = "microshare_class_created";
    public const string Minted = "microshares_minted";
    public const string Sent = "microshares_sent";
    public const string Burned = "microshares_burned";
    public const string Redeemed = "microshares_redeemed";

    public static void Add(Event ev, string key, string value) => ev.Attributes.Add(new EventAttribute { Key = key, Value = value });

    public static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>"lot:units" pairs, comma separated, in the order taken: "3:10,7:5".</summary>
    public static string Lots(List<LotTake> takes)
    {
        var text = new StringBuilder();
        foreach (var take in takes)
        {
            if (text.Length > 0) text.Append(',');
            text.Append(take.LotId.ToString(CultureInfo.InvariantCulture)).Append(':').Append(take.Units.ToString());
        }
        return text.ToString();
    }
}
