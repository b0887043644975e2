using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StepFunctions.Local.Integrations.DynamoDb;

/// <summary>
/// DynamoDB tables for <c>arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem</c>, kept in one JSON file so a
/// second run sees the first one's items (a repeated run_id fails as on AWS). Items are in attribute-value form
/// (<c>{"S": "..."}</c>). Supported: ConditionExpression in DynamoDB's condition language (<see cref="ConditionParser"/>),
/// UpdateExpression <c>SET a = :v, ...</c>, ExpressionAttributeNames/Values; the reads Query and Scan are in
/// <c>LocalDynamoDbTables.Reads.cs</c>. Failures are <see cref="DynamoDbException"/>s with DynamoDB's error names
/// (<c>ConditionalCheckFailedException</c>, <c>ResourceNotFoundException</c>, <c>ValidationException</c>).
/// </summary>
public sealed partial class LocalDynamoDbTables(string path, IReadOnlyDictionary<string, IReadOnlyList<string>> keySchemas)
{
    private readonly Lock gate = new();

    public string Path { get; } = path;

    public JsonObject PutItem(JsonObject parameters)
    {
        var (table, schema) = Table(parameters);
        var item = parameters["Item"] as JsonObject ?? throw Validation("One or more parameter values were invalid: Item is missing");
        var key = KeyOf(item, schema);
        lock (gate)
        {
            var tables = Load();
            var items = Items(tables, table);
            Check(parameters, items[key] as JsonObject);
            items[key] = item.DeepClone();
            Save(tables);
        }
        return [];
    }

    public JsonObject GetItem(JsonObject parameters)
    {
        var (table, schema) = Table(parameters);
        var key = KeyOf(parameters["Key"] as JsonObject ?? throw Validation("The Key parameter is missing"), schema, exact: true);
        lock (gate)
        {
            return Items(Load(), table)[key] is JsonObject item ? new JsonObject { ["Item"] = item.DeepClone() } : [];
        }
    }

    public JsonObject UpdateItem(JsonObject parameters)
    {
        var (table, schema) = Table(parameters);
        var keyObject = parameters["Key"] as JsonObject ?? throw Validation("The Key parameter is missing");
        var key = KeyOf(keyObject, schema, exact: true);
        var assignments = ParseSet(parameters);
        lock (gate)
        {
            var tables = Load();
            var items = Items(tables, table);
            var existing = items[key] as JsonObject;
            Check(parameters, existing);
            var item = (JsonObject?)existing?.DeepClone() ?? (JsonObject)keyObject.DeepClone();
            foreach (var (attribute, value) in assignments)
            {
                item[attribute] = value.DeepClone();
            }
            items[key] = item;
            Save(tables);
        }
        return [];
    }

    /// <summary>Removes the item (absent is no error, as on AWS); a ConditionExpression is checked first.</summary>
    public JsonObject DeleteItem(JsonObject parameters)
    {
        var (table, schema) = Table(parameters);
        var key = KeyOf(parameters["Key"] as JsonObject ?? throw Validation("The Key parameter is missing"), schema, exact: true);
        lock (gate)
        {
            var tables = Load();
            var items = Items(tables, table);
            Check(parameters, items[key] as JsonObject);
            if (items.Remove(key))
            {
                Save(tables);
            }
        }
        return [];
    }

    private (string Table, IReadOnlyList<string> Schema) Table(JsonObject parameters)
    {
        var table = parameters["TableName"]?.GetValue<string>() ?? throw Validation("The TableName parameter is missing");
        return keySchemas.TryGetValue(table, out var schema)
            ? (table, schema)
            : throw NotFound(table);
    }

    private static string KeyOf(JsonObject attributes, IReadOnlyList<string> schema, bool exact = false)
    {
        if (exact && attributes.Count != schema.Count)
        {
            throw Validation("The provided key element does not match the schema");
        }
        return string.Join('\u001f', schema.Select(name => attributes[name] is JsonObject value
            ? value.ToJsonString()
            : throw Validation($"One or more parameter values were invalid: Missing the key {name} in the item")));
    }

    /// <summary>
    /// Evaluates ConditionExpression with DynamoDB's condition language (<see cref="ConditionParser"/>: OR, AND, NOT,
    /// comparisons, attribute_not_exists, ...) against the current item; an absent item is evaluated as an item
    /// without attributes, as DynamoDB does, so <c>attribute_not_exists(pk) OR #owner = :me</c> holds for it.
    /// </summary>
    private static void Check(JsonObject parameters, JsonObject? current)
    {
        if (parameters["ConditionExpression"]?.GetValue<string>() is not { } condition)
        {
            return;
        }
        var parser = new ConditionParser(parameters["ExpressionAttributeNames"] as JsonObject, parameters["ExpressionAttributeValues"] as JsonObject);
        if (!parser.Parse("ConditionExpression", condition).Matches(current ?? []))
        {
            throw Error("ConditionalCheckFailedException", "The conditional request failed");
        }
    }

    private static List<(string Attribute, JsonNode Value)> ParseSet(JsonObject parameters)
    {
        var expression = parameters["UpdateExpression"]?.GetValue<string>() ?? throw Validation("The UpdateExpression parameter is missing");
        var match = SetExpression().Match(expression);
        if (!match.Success)
        {
            throw Validation($"Invalid UpdateExpression: only SET name = :value, ... is simulated, not '{expression}'");
        }
        var values = parameters["ExpressionAttributeValues"] as JsonObject;
        return match.Groups["assignment"].Captures.Select(capture =>
        {
            var parts = capture.Value.Split('=', 2, StringSplitOptions.TrimEntries);
            var placeholder = parts[1];
            var value = values?[placeholder] ?? throw Validation($"Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: {placeholder}");
            return (Name(parameters, parts[0]), value);
        }).ToList();
    }

    private static string Name(JsonObject parameters, string name) =>
        !name.StartsWith('#') ? name
        : parameters["ExpressionAttributeNames"]?[name]?.GetValue<string>()
          ?? throw Validation($"An expression attribute name used in the document path is not defined; attribute name: {name}");

    private static DynamoDbException Validation(string message) => DynamoDbException.Validation(message);

    private static DynamoDbException Error(string code, string message) => new(code, message);

    private static JsonObject Items(JsonObject tables, string table) =>
        tables[table] as JsonObject ?? (JsonObject)(tables[table] = new JsonObject());

    private JsonObject Load() => File.Exists(Path) ? JsonNode.Parse(File.ReadAllText(Path)) as JsonObject ?? [] : [];

    private void Save(JsonObject tables)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        // Write then rename: an interrupted run never leaves half a table behind.
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, tables.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, Path, overwrite: true);
    }

    [GeneratedRegex(@"^\s*SET\s+(?<assignment>#?[A-Za-z0-9_]+\s*=\s*:[A-Za-z0-9_]+)(\s*,\s*(?<assignment>#?[A-Za-z0-9_]+\s*=\s*:[A-Za-z0-9_]+))*\s*$")]
    private static partial Regex SetExpression();
}
