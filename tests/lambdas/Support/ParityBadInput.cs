namespace Lambdas.Tests.Support;

/// <summary>Every class of bad input for a {"number": n} function, with what the message must say.</summary>
public static class ParityBadInput
{
    public static TheoryData<string, string> Cases => new()
    {
        { "", "empty" },
        { "\t", "empty" },
        { "{\"number\": 4", "not valid JSON" },
        { "{number: 4}", "not valid JSON" },
        { "{\"number\": 4}}", "not valid JSON" },
        { "null", "null" },
        { "[4]", "must be a JSON object" },
        { "4", "must be a JSON object" },
        { "{}", "Field 'number' is required and must be an integer" },
        { "{\"other\": 4}", "Field 'number' is required and must be an integer" },
        { "{\"number\": null}", "Field 'number' is required and must be an integer" },
        { "{\"number\": \"4\"}", "Field 'number' must be an integer (64-bit)" },
        { "{\"number\": 4.5}", "Field 'number' must be an integer (64-bit)" },
        { "{\"number\": 4.0}", "Field 'number' must be an integer (64-bit)" },
        { "{\"number\": 1e3}", "Field 'number' must be an integer (64-bit)" },
        { "{\"number\": true}", "Field 'number' must be an integer (64-bit)" },
        { "{\"number\": [4]}", "Field 'number' must be an integer (64-bit)" },
        { "{\"number\": {\"n\": 4}}", "Field 'number' must be an integer (64-bit)" },
        { "{\"number\": 9223372036854775808}", "Field 'number' must be an integer (64-bit)" },
        { "{\"number\": -9223372036854775809}", "Field 'number' must be an integer (64-bit)" },
    };
}
