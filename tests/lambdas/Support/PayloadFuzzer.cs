using System.Globalization;
using System.Text;

namespace Lambdas.Tests.Support;

/// <summary>
/// Deterministic (seeded) hostile payloads: random JSON documents built around the functions' field names,
/// mutations of valid payloads (bit flips, cuts, inserts, duplications), raw bytes, and edge-case numbers.
/// </summary>
public sealed class PayloadFuzzer(int seed, string[] seeds)
{
    private static readonly string[] Keys = ["number", "min", "max", "Number", "", "nümber", "\u0000", "number\\u0000"];
    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "2", "100", "101", "1000000", "1000001", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1e3", "1E-3",
        "4.0", "3.5", "-0.0", "1e400", "00", "01", "0x10", "NaN", "Infinity",
    ];
    private const string Structural = "{}[]\":,-.e 0";
    private readonly Random random = new(seed);

    public byte[] Next() => random.Next(10) switch
    {
        < 4 => Encoding.UTF8.GetBytes(RandomDocument()),
        < 8 => Mutate(Encoding.UTF8.GetBytes(seeds[random.Next(seeds.Length)])),
        8 => RandomBytes(),
        _ => Encoding.UTF8.GetBytes(EdgeCase()),
    };

    private string RandomDocument()
    {
        var text = new StringBuilder();
        if (random.Next(4) == 0)
        {
            AppendValue(text, 0);
            return text.ToString();
        }
        text.Append('{');
        var count = random.Next(4);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }
            text.Append('"').Append(Keys[random.Next(Keys.Length)]).Append("\": ");
            AppendValue(text, 1);
        }
        return text.Append('}').ToString();
    }

    private void AppendValue(StringBuilder text, int depth)
    {
        switch (random.Next(depth > 3 ? 5 : 8))
        {
            case 0: text.Append(Numbers[random.Next(Numbers.Length)]); break;
            case 1: text.Append(random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture)); break;
            case 2: text.Append('"').Append(random.Next(-5, 200).ToString(CultureInfo.InvariantCulture)).Append('"'); break;
            case 3: text.Append(random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" }); break;
            case 4: text.Append(random.NextDouble().ToString("R", CultureInfo.InvariantCulture)); break;
            case 5:
                text.Append('[');
                AppendValue(text, depth + 1);
                text.Append(']');
                break;
            default:
                text.Append("{\"number\": ");
                AppendValue(text, depth + 1);
                text.Append('}');
                break;
        }
    }

    private byte[] Mutate(byte[] input)
    {
        var bytes = new List<byte>(input);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.RemoveRange(at, random.Next(1, bytes.Count - at + 1)); break;
                case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Numbers[random.Next(Numbers.Length)])); break;
                case 3: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, random.Next(1, 8)))); break;
                default: bytes[at] = (byte)Structural[random.Next(Structural.Length)]; break;
            }
        }
        return [.. bytes];
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private string EdgeCase() => random.Next(6) switch
    {
        0 => new string('[', random.Next(60, 2000)) + new string(']', random.Next(0, 2000)),
        1 => "{\"number\": 2, \"pad\": \"" + new string('x', random.Next(1000, 100_000)) + "\"}",
        2 => "{\"number\": 1" + new string('0', random.Next(18, 400)) + "}",
        3 => "{\"number\": 4, \"number\": \"dup\"}",
        4 => "\uFEFF{\"number\": 4}",
        _ => "{\"min\": 5, \"max\": 5, \"min\": 6}",
    };
}
